package dev.baton.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.baton.engine.model.ModelProvider;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.model.provider.Credentials;
import dev.baton.engine.model.provider.ModelProviders;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.ModelRef;
import dev.baton.flow.NodeKind;
import dev.baton.secret.PlantedKeys;
import dev.baton.secret.Redactor;
import dev.baton.testing.StubProviders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Planted keys of every shape, in the input, in a flow's instructions and in a model's reply (which also echoes the
 * API key it was sent), never reach stdout, stderr, the events file, the audit database or an export (issue 12).
 */
class RunSecretsTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static Flow plantedFlow(ModelRef model) {
        return Flow.empty("planted", "Planted keys")
                .addNode(AgentNode.of("start", NodeKind.START, "Start"))
                .addNode(AgentNode.of("agent", NodeKind.AGENT, "Agent")
                        .withInstructions("Use these: " + PlantedKeys.allInOneText()))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Out"))
                .addEdge(Edge.next("e1", "start", "agent")).addEdge(Edge.next("e2", "agent", "out"))
                .withDefaultModel(model);
    }

    private int run(Flow flow, ModelProvider provider, Redactor redactor, String... args) {
        RunCommand command = new RunCommand(f -> flow, new BufferedReader(new StringReader("")), provider, redactor);
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    /** A stub provider that echoes every planted key in its streamed tokens and its reply. */
    private static ModelProvider echoingStub() {
        return StubProviders.answering((request, sink) -> {
            String reply = "Echo: " + PlantedKeys.allInOneText();
            for (String line : reply.split("\n")) {
                sink.onToken(line + "\n");
            }
            return new ModelReply(reply, List.of(), 10, 10, true, "openai", "stub", false);
        });
    }

    @Test
    void everyShapeIsAbsentFromEveryOutputOfARun() throws Exception {
        Path events = dir.resolve("events.jsonl");
        Path db = dir.resolve("audit");
        int code = run(plantedFlow(new ModelRef("openai", "stub", null, null)), echoingStub(),
                PlantedKeys.redactor(), "f.json", "--input", "Input: " + PlantedKeys.allInOneText(), "--events",
                events.toString(), "--audit", db.toString());

        assertThat(code).as(err.toString()).isEqualTo(RunCommand.OK);
        assertThat(out.toString()).contains("Echo:").contains(Redactor.REDACTED);
        String eventsText = Files.readString(events);
        assertThat(eventsText).contains("TokenChunk").contains(Redactor.REDACTED);
        for (String line : Files.readAllLines(events)) {
            new ObjectMapper().readTree(line); // still whole JSON after redaction
        }
        String dbBytes = new String(Files.readAllBytes(dir.resolve("audit.mv.db")), StandardCharsets.ISO_8859_1);
        String runId = eventsText.substring(eventsText.indexOf("\"runId\":\"") + 9).split("\"")[0];
        ValidateCommandTest.Result json = ValidateCommandTest.run("audit", "export", runId, "--db", db.toString(),
                "--format", "json");
        ValidateCommandTest.Result csv = ValidateCommandTest.run("audit", "export", runId, "--db", db.toString(),
                "--format", "csv");
        assertThat(json.code()).as(json.err()).isZero();
        assertThat(json.out()).contains("Echo:");
        new ObjectMapper().readTree(json.out());
        for (PlantedKeys.Planted p : PlantedKeys.ALL) {
            assertThat(out.toString()).as("stdout, " + p.shape()).doesNotContain(p.secret());
            assertThat(err.toString()).as("stderr, " + p.shape()).doesNotContain(p.secret());
            assertThat(eventsText).as("events, " + p.shape()).doesNotContain(p.secret());
            assertThat(dbBytes).as("database, " + p.shape()).doesNotContain(p.secret());
            assertThat(json.out()).as("json export, " + p.shape()).doesNotContain(p.secret());
            assertThat(csv.out()).as("csv export, " + p.shape()).doesNotContain(p.secret());
        }
    }

    /**
     * The real path: the key comes from the credentials file, LangChain4j sends it to a loopback OpenAI-compatible
     * server, and the server's reply echoes it back. The program's redactor knows the key's exact value.
     */
    @Test
    void aReplyEchoingTheKeyFromTheCredentialsFileIsRedactedEverywhere() throws Exception {
        String key = "gatewayKey" + "Without7Any8Shape9";
        Path home = dir.resolve("home");
        Files.createDirectories(home);
        Path credentials = home.resolve(Credentials.FILE_NAME);
        Files.writeString(credentials, "OPENAI_COMPATIBLE_API_KEY=" + key + "\n");
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newSingleThreadExecutor());
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String reply = "The server saw " + auth + " and " + PlantedKeys.allInOneText();
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                ObjectMapper json = new ObjectMapper();
                var chunk = json.createObjectNode();
                chunk.put("id", "c1").put("object", "chat.completion.chunk").put("created", 1_790_000_000L)
                        .put("model", "m");
                var choice = chunk.putArray("choices").addObject();
                choice.put("index", 0).putObject("delta").put("role", "assistant").put("content", reply);
                choice.put("finish_reason", "stop");
                body.write(("data: " + chunk + "\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
        String before = System.getProperty("baton.home");
        System.setProperty("baton.home", home.toString());
        try {
            Redactor program = BatonCommand.programRedactor();
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
            Path events = dir.resolve("events.jsonl");
            Path db = dir.resolve("audit");
            int code = run(plantedFlow(new ModelRef(ModelRef.OPENAI_COMPATIBLE, "m", base, null)),
                    ModelProviders.real(program), program, "f.json", "--input", "hello " + key, "--events",
                    events.toString(), "--audit", db.toString());

            assertThat(code).as(err.toString()).isEqualTo(RunCommand.OK);
            assertThat(out.toString()).contains("The server saw Bearer " + Redactor.REDACTED);
            String dbBytes = new String(Files.readAllBytes(dir.resolve("audit.mv.db")), StandardCharsets.ISO_8859_1);
            for (String where : List.of(out.toString(), err.toString(), Files.readString(events), dbBytes)) {
                assertThat(where).doesNotContain(key);
                for (PlantedKeys.Planted p : PlantedKeys.ALL) {
                    if (!p.shape().equals("known-value")) {
                        assertThat(where).as(p.shape()).doesNotContain(p.secret());
                    }
                }
            }
        } finally {
            if (before == null) {
                System.clearProperty("baton.home");
            } else {
                System.setProperty("baton.home", before);
            }
            server.stop(0);
        }
    }
}
