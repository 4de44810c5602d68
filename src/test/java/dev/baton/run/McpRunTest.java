package dev.baton.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.engine.RunEvent;
import dev.baton.engine.RunListener;
import dev.baton.engine.RunResult;
import dev.baton.engine.RunStatus;
import dev.baton.engine.model.ModelProvider;
import dev.baton.engine.model.provider.ChatModelFactory;
import dev.baton.engine.model.provider.Credentials;
import dev.baton.flow.Flow;
import dev.baton.flow.Limits;
import dev.baton.flow.McpServerDecl;
import dev.baton.flow.ModelRef;
import dev.baton.secret.Redactor;
import dev.baton.testing.ScriptedOpenAiServer;
import dev.baton.testing.ScriptedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static dev.baton.run.McpFixtures.STUBBORN_SERVER;
import static dev.baton.run.McpFixtures.assertNoServerLeft;
import static dev.baton.run.McpFixtures.flow;
import static dev.baton.run.McpFixtures.stdio;
import static dev.baton.testing.ScriptedOpenAiServer.lastRoleIs;
import static dev.baton.testing.ScriptedReply.call;
import static dev.baton.testing.ScriptedReply.text;
import static dev.baton.testing.ScriptedReply.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * MCP servers inside runs, through the run service as both front ends start runs: servers start before the first
 * model call, their tools are offered and called like built-ins, every failure of a server is a tool result the model
 * reads (the run goes on), and no server outlives its run.
 */
class McpRunTest {

    @TempDir
    Path dir;

    private final List<RunEvent> events = new CopyOnWriteArrayList<>();
    private final RunService service = new RunService(Redactor.shapesOnly(), McpRunTest::noRealModels)
            .withVariables(name -> null);

    private static ModelProvider noRealModels() {
        throw new IllegalStateException("these tests run on the simulated model");
    }

    @AfterEach
    void noServerOutlivesItsTest() throws Exception {
        assertNoServerLeft();
    }

    private RunOptions options() {
        return RunOptions.DEFAULT.withoutAudit().withFlowFile(dir.resolve("flow.json"));
    }

    private RunResult run(RunService on, Flow flow, String input) throws Exception {
        AuditedRun run = on.launch(flow, input, options(), List.of((RunListener) events::add));
        try {
            RunResult result = run.handle().result().get(60, TimeUnit.SECONDS);
            run.handle().awaitEventsDelivered(Duration.ofSeconds(10));
            return result;
        } finally {
            run.close(Duration.ZERO);
        }
    }

    private Path script(String name, String source) throws Exception {
        Path file = dir.resolve(name + ".js");
        Files.writeString(file, source);
        return file;
    }

    private McpServerDecl stubborn(int callTimeoutSeconds) throws Exception {
        return stdio("st", List.of(McpFixtures.node(), script("stubborn", STUBBORN_SERVER).toString()),
                callTimeoutSeconds);
    }

    private <T extends RunEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void aStdioServersToolIsOfferedCalledAndReportedWithItsServerAndTheServerStopsWithTheRun() throws Exception {
        McpServerDecl everything = stdio("ev", List.of(McpFixtures.node(), McpFixtures.reference("server-everything"),
                "stdio"), null);

        RunResult result = run(service, flow(List.of("ev/echo"), "Repeat what you are asked to.", everything),
                "Please echo \"hello from baton\"");

        assertThat(result.status()).as(result.cause()).isEqualTo(RunStatus.SUCCEEDED);
        RunEvent.ToolCallRequested asked = of(RunEvent.ToolCallRequested.class).get(0);
        assertThat(asked.tool()).isEqualTo("echo");
        assertThat(asked.server()).isEqualTo("ev");
        assertThat(asked.argumentsJson()).isEqualTo("{\"message\":\"hello from baton\"}");
        RunEvent.ToolCallFinished done = of(RunEvent.ToolCallFinished.class).get(0);
        assertThat(done.error()).as(done.content()).isFalse();
        assertThat(done.tool()).isEqualTo("echo");
        assertThat(done.server()).isEqualTo("ev");
        assertThat(done.content()).contains("hello from baton");
        assertThat(result.output()).contains("hello from baton");
        // the server started before the run's first event: no model call waited for it
        assertThat(events.get(0)).isInstanceOf(RunEvent.RunStarted.class);
    }

    @Test
    void aCallTheServerNeverAnswersIsAnErrorResultAtItsCallTimeoutAndTheRunGoesOn() throws Exception {
        long t0 = System.nanoTime();
        RunResult result = run(service, flow(List.of("st/wait"), "", stubborn(2)), "Please wait for the data");

        assertThat(result.status()).as(result.cause()).isEqualTo(RunStatus.SUCCEEDED);
        RunEvent.ToolCallFinished done = of(RunEvent.ToolCallFinished.class).get(0);
        assertThat(done.error()).as(done.content()).isTrue();
        assertThat(done.tool()).isEqualTo("wait");
        assertThat(done.server()).isEqualTo("st");
        assertThat(done.content()).contains("MCP server 'st'").doesNotContain("\n");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
        assertThat(result.output()).contains("st__wait: Error:");
    }

    @Test
    void aServerWritingGarbageToStdoutMidCallIsAnErrorResultAndTheRunGoesOn() throws Exception {
        RunResult result = run(service, flow(List.of("st/garble"), "", stubborn(2)), "garble the report");

        assertThat(result.status()).as(result.cause()).isEqualTo(RunStatus.SUCCEEDED);
        RunEvent.ToolCallFinished done = of(RunEvent.ToolCallFinished.class).get(0);
        assertThat(done.error()).as(done.content()).isTrue();
        assertThat(done.content()).contains("MCP server 'st'");
    }

    @Test
    void aServerThatExitsMidCallIsAnErrorResultWithItsExitCodeAndStderrAndTheRunGoesOn() throws Exception {
        RunResult result = run(service, flow(List.of("st/crash"), "", stubborn(10)), "crash test the server");

        assertThat(result.status()).as(result.cause()).isEqualTo(RunStatus.SUCCEEDED);
        RunEvent.ToolCallFinished done = of(RunEvent.ToolCallFinished.class).get(0);
        assertThat(done.error()).as(done.content()).isTrue();
        assertThat(done.content()).contains("MCP server 'st'").contains("exit");
    }

    @Test
    void cancellingARunDuringACallEndsItAtOnceAndStopsItsServer() throws Exception {
        AuditedRun run = service.launch(flow(List.of("st/wait"), "", stubborn(60)), "Please wait for the data",
                options(), List.of((RunListener) events::add));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (of(RunEvent.ToolCallRequested.class).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(of(RunEvent.ToolCallRequested.class)).as("the call is under way").hasSize(1);
            long t0 = System.nanoTime();
            run.handle().cancel();
            RunResult result = run.handle().result().get(10, TimeUnit.SECONDS);
            assertThat(result.status()).isEqualTo(RunStatus.CANCELLED);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        } finally {
            run.close(Duration.ZERO);
        }
    }

    @Test
    void aRunThatFailsOnItsDeadlineDuringACallStopsItsServer() throws Exception {
        Flow flow = flow(List.of("st/wait"), "", stubborn(60))
                .withLimits(new Limits(8, 20, 3, Duration.ofSeconds(30), Duration.ofSeconds(2), null));

        RunResult result = run(service, flow, "Please wait for the data");

        assertThat(result.status()).isNotEqualTo(RunStatus.SUCCEEDED);
        // @AfterEach: the server is gone
    }

    @Test
    void aServerThatDoesNotStartRefusesTheRunWithOneLineNamingItAndItsStderr() throws Exception {
        McpServerDecl quits = stdio("cfg", List.of(McpFixtures.node(),
                script("quits", "console.error('missing config file /nope.json'); process.exit(2);").toString()), null);
        McpServerDecl everything = stdio("ev", List.of(McpFixtures.node(), McpFixtures.reference("server-everything"),
                "stdio"), null);

        LaunchRefused e = assertThrows(LaunchRefused.class, () -> service.launch(
                flow(List.of("cfg/read", "ev/echo"), "", quits, everything), "x", options(), List.of()));

        assertThat(e.problem().kind()).isEqualTo(RunProblem.Kind.MCP_SERVER);
        assertThat(e.problem().message()).startsWith("MCP server 'cfg' (")
                .contains("missing config file /nope.json").contains("exit").doesNotContain("\n");
        // the other server, which did start, is stopped again (@AfterEach)
    }

    @Test
    void aNodeToolTheServerDoesNotListRefusesTheRunNamingServerAndTool() throws Exception {
        McpServerDecl everything = stdio("ev", List.of(McpFixtures.node(), McpFixtures.reference("server-everything"),
                "stdio"), null);

        LaunchRefused e = assertThrows(LaunchRefused.class, () -> service.launch(
                flow(List.of("ev/echo", "ev/teleport"), "", everything), "x", options(), List.of()));

        assertThat(e.problem().kind()).isEqualTo(RunProblem.Kind.MCP_SERVER);
        assertThat(e.problem().message()).startsWith("MCP server 'ev' does not list a tool 'teleport' (it lists: ")
                .contains("echo");
    }

    @Test
    void preflightNamesAProgramNotOnThePathAndAVariableNotSetWithoutStartingAnything() {
        McpServerDecl missingProgram = new McpServerDecl("fs", "no-such-mcp-program-xyz", List.of("."), List.of(),
                null, Map.of());
        McpServerDecl missingToken = new McpServerDecl("gh", null, null, null, "http://127.0.0.1:9/mcp",
                Map.of("Authorization", "GH_MCP_TOKEN"));
        McpServerDecl unused = new McpServerDecl("idle", "also-not-there", List.of(), List.of(), null, Map.of());

        List<RunProblem> problems = service.preflight(flow(List.of("fs/read_text_file", "gh/search"), "",
                missingProgram, missingToken, unused), options());

        assertThat(problems).extracting(RunProblem::kind).containsOnly(RunProblem.Kind.MCP_SERVER);
        assertThat(problems).extracting(RunProblem::message).containsExactly(
                "MCP server 'fs' (no-such-mcp-program-xyz .) cannot start: 'no-such-mcp-program-xyz' is not on the PATH",
                "MCP server 'gh' needs GH_MCP_TOKEN: set it in the environment or in ~/.baton/credentials");
        assertThat(problems).allMatch(RunProblem::stopsRun);
    }

    @Test
    void stdioServersStartInTheFlowFilesFolder() throws Exception {
        Files.writeString(dir.resolve("notes.md"), "the meeting moved to Friday\n");
        McpServerDecl fs = stdio("fs", List.of(McpFixtures.node(), McpFixtures.reference("server-filesystem"), "."),
                null);

        RunResult result = run(service, flow(List.of("fs/read_text_file"), "Read notes.md and sum it up.", fs),
                "What did the meeting decide?");

        assertThat(result.status()).as(result.cause()).isEqualTo(RunStatus.SUCCEEDED);
        RunEvent.ToolCallFinished done = of(RunEvent.ToolCallFinished.class).get(0);
        assertThat(done.error()).as(done.content()).isFalse();
        assertThat(done.content()).contains("the meeting moved to Friday");
    }

    @Test
    void aRealProviderIsOfferedTheServersToolWithItsOwnJsonSchemaAndGetsItsResult() throws Exception {
        McpServerDecl everything = stdio("ev", List.of(McpFixtures.node(), McpFixtures.reference("server-everything"),
                "stdio"), null);
        try (ScriptedOpenAiServer model = ScriptedOpenAiServer.start()) {
            model.when(lastRoleIs("user")).always(toolCalls(call("call_1", "ev__get-sum", "{\"a\":2,\"b\":40}")));
            model.when(lastRoleIs("tool")).always(text("The sum is 42."));
            RunService real = new RunService(Redactor.shapesOnly(), () -> new ChatModelFactory(
                    new Credentials(Map.<String, String>of()::get, dir.resolve("home")), Duration.ofSeconds(5)))
                    .withVariables(name -> null);
            Flow flow = flow(List.of("ev/get-sum"), "", everything)
                    .withDefaultModel(new ModelRef(ModelRef.OPENAI_COMPATIBLE, "local", model.baseUrl(), null));

            RunResult result = run(real, flow, "add two and forty");

            assertThat(result.status()).as(result.cause()).isEqualTo(RunStatus.SUCCEEDED);
            List<ScriptedRequest> requests = model.chatRequests();
            JsonNode function = requests.get(0).body().path("tools").get(0).path("function");
            assertThat(function.path("name").asText()).isEqualTo("ev__get-sum");
            assertThat(function.path("parameters").path("properties").path("a").path("type").asText())
                    .isEqualTo("number");
            assertThat(function.path("parameters").path("required").toString()).contains("a").contains("b");
            assertThat(requests.get(1).toolResults().get(0)).contains("42");
            RunEvent.ToolCallFinished done = of(RunEvent.ToolCallFinished.class).get(0);
            assertThat(done.tool()).isEqualTo("get-sum");
            assertThat(done.server()).isEqualTo("ev");
            assertThat(result.output()).endsWith("The sum is 42.");
        }
    }
}
