package dev.baton.tool.mcp;

import com.sun.net.httpserver.HttpServer;
import dev.baton.secret.Redactor;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A Streamable HTTP server that answers the initialisation with an HTTP error or with what is not JSON: the start
 * problem says what the status means (LangChain4j says only "Unexpected status code: 401"), and never the token sent.
 */
class McpHttpErrorsTest {

    private static final String TOKEN = "ghp_" + "Q7rT2mX9vB4nK8sL1pW6yH3jD5fG0aZc2eR8";

    private static String startProblem(int status, String body) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/mcp";
            McpServerSpec spec = McpServerSpec.http("gh", url, Map.of("Authorization", "Bearer " + TOKEN))
                    .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(5));
            McpStartException e = assertThrows(McpStartException.class,
                    () -> McpConnection.start(spec, new Redactor(List.of(TOKEN))).close());
            assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain("\n").startsWith("MCP server 'gh' (" + url
                    + ")");
            return e.getMessage();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aRefusedTokenSaysTheCredentialsWereRefused() throws Exception {
        assertThat(startProblem(401, "{\"error\":\"invalid_token\"}"))
                .contains("refused the credentials (HTTP 401 Unauthorized)");
    }

    @Test
    void aWrongPathSaysThereIsNoEndpointThere() throws Exception {
        assertThat(startProblem(404, "{}")).contains("no MCP endpoint at this URL (HTTP 404");
    }

    @Test
    void aServerErrorAndAForbiddenSayWhoseFaultItIs() throws Exception {
        assertThat(startProblem(503, "{}")).contains("failed on its side (HTTP 503)");
        assertThat(startProblem(403, "{}")).contains("refused access (HTTP 403 Forbidden)");
    }

    @Test
    void anAnswerThatIsNotJsonSaysSo() throws Exception {
        assertThat(startProblem(200, "{this is not json")).contains("answered with what is not JSON-RPC")
                .doesNotContain("StreamReadFeature");
    }
}
