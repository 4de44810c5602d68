package dev.baton.engine.topology;

import com.sun.net.httpserver.HttpServer;
import dev.baton.flow.Check;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A critic's JSON-Schema check whose schema refers outside itself (a flow file from someone else): the check fails
 * with a reason and Baton fetches nothing and reads no local file (networknt's default factory fetched any URI).
 */
class CriticSchemaReferenceTest {

    @Test
    void aReferenceOutsideTheSchemaIsARefusalNotAFetch() throws Exception {
        AtomicInteger fetched = new AtomicInteger();
        HttpServer web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        web.createContext("/", exchange -> {
            fetched.incrementAndGet();
            byte[] body = "{\"type\":\"object\"}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        web.start();
        try {
            String base = "http://127.0.0.1:" + web.getAddress().getPort();
            List<String> viaRef = CriticChecks.failures(List.of(new Check.JsonSchema(
                    "{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"" + base + "/a.json\"}}}")), "{\"a\":1}");
            List<String> viaMeta = CriticChecks.failures(List.of(new Check.JsonSchema(
                    "{\"$schema\":\"" + base + "/meta.json\",\"type\":\"object\"}")), "{\"a\":1}");
            List<String> viaFile = CriticChecks.failures(List.of(new Check.JsonSchema(
                    "{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"file:///etc/passwd\"}}}")), "{\"a\":1}");
            assertThat(viaRef).singleElement().asString().contains("could not be applied");
            assertThat(viaMeta).singleElement().asString().contains("could not be applied");
            assertThat(viaFile).singleElement().asString().contains("could not be applied").doesNotContain("root");
            assertThat(fetched.get()).as("requests made for the schema's outside references").isZero();
            // a reference inside the schema still works
            assertThat(CriticChecks.failures(List.of(new Check.JsonSchema("{\"type\":\"object\",\"properties\":"
                    + "{\"a\":{\"$ref\":\"#/$defs/N\"}},\"$defs\":{\"N\":{\"type\":\"integer\"}}}")), "{\"a\":1}"))
                    .isEmpty();
        } finally {
            web.stop(0);
        }
    }
}
