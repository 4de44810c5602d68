package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.engine.SampleFlows;
import dev.baton.engine.model.ModelException;
import dev.baton.engine.model.ModelProvider;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.Limits;
import dev.baton.flow.ModelRef;
import dev.baton.flow.NodeKind;
import dev.baton.flow.io.FlowLoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.baton.engine.model.provider.ChatModelFactory;
import dev.baton.engine.model.provider.Credentials;
import dev.baton.engine.model.provider.ModelProviders;
import dev.baton.testing.StubProviders;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Flow flow, String stdin, ModelProvider real, String... args) {
        return run(f -> flow, stdin, real, args);
    }

    private int run(RunCommand.FlowSource source, String stdin, ModelProvider real, String... args) {
        RunCommand command = new RunCommand(source, new BufferedReader(new StringReader(stdin)), real);
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private int run(Flow flow, String... args) {
        // real providers see an empty environment and an empty Baton home: no key leaks in from the machine
        return run(flow, "", new ChatModelFactory(new Credentials(name -> null, dir.resolve("home")),
                Duration.ofSeconds(5)), args);
    }

    @Test
    void runsTheSampleOfflineWithProgressAnswerAndEventLines() throws Exception {
        Path events = dir.resolve("events.jsonl");
        int code = run(SampleFlows.blogChain(), "flow.json", "--input", "Heat pumps", "--events", events.toString(),
                "--seed", "5");

        assertThat(code).isEqualTo(RunCommand.OK);
        assertThat(out.toString()).startsWith("[simulated]\n# Heat Pumps");
        assertThat(err.toString()).contains("> Researcher [researcher] working").contains("critic fact-checker on editor")
                .contains("finished in");
        List<String> lines = Files.readAllLines(events);
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode e = json.readTree(lines.get(i));
            assertThat(e.get("seq").asLong()).isEqualTo(i + 1);
            assertThat(e.get("type").asText()).isNotBlank();
            assertThat(e.get("time").asText()).contains("T");
        }
        assertThat(json.readTree(lines.get(0)).get("type").asText()).isEqualTo("RunStarted");
        assertThat(json.readTree(lines.get(lines.size() - 1)).get("type").asText()).isEqualTo("RunFinished");
        assertThat(json.readTree(lines.get(lines.size() - 1)).get("totals").get("modelCalls").asInt()).isPositive();
    }

    @Test
    void withoutInputItAsksOnStdin() {
        int code = run(SampleFlows.blogChain(), "Solar roofs\n", ModelProviders.real(), "flow.json");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("# Solar Roofs");
    }

    @Test
    void noInputWithoutInputIsAUserError() {
        assertThat(run(SampleFlows.blogChain(), "flow.json", "--no-input")).isEqualTo(RunCommand.INVALID);
        assertThat(err.toString()).contains("pass --input");
    }

    @Test
    void anUnloadableFileIsExitOneWithoutAStackTrace() {
        int code = run(f -> {
            throw new FlowLoadException("3:7 /nodes/0/kind", "unknown node kind 'AGNT'");
        }, "", ModelProviders.real(), "bad.json", "--input", "x");

        assertThat(code).isEqualTo(RunCommand.INVALID);
        assertThat(err.toString()).contains("bad.json: 3:7 /nodes/0/kind: unknown node kind 'AGNT'")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void anInvalidFlowIsExitOne() {
        Flow noOutput = Flow.empty("x", "x").addNode(AgentNode.of("s", NodeKind.START, "S"));
        assertThat(run(noOutput, "f.json", "--input", "x")).isEqualTo(RunCommand.INVALID);
        assertThat(err.toString()).contains("exactly one OUTPUT");
    }

    @Test
    void aMissingRealProviderIsReportedBeforeTheRun() {
        Flow flow = SampleFlows.blogChain().withDefaultModel(new ModelRef("openai", "gpt-4o-mini", null, null));
        int code = run(flow, "f.json", "--input", "x");

        assertThat(code).isEqualTo(RunCommand.INVALID);
        assertThat(err.toString()).contains("model 'openai/gpt-4o-mini' (node 'researcher')")
                .contains("set OPENAI_API_KEY").doesNotContain("> Researcher");
    }

    @Test
    void providerOverrideNeedsAKnownProviderAndAModel() {
        assertThat(run(SampleFlows.blogChain(), "f.json", "--input", "x", "--provider", "acme"))
                .isEqualTo(RunCommand.INVALID);
        assertThat(run(SampleFlows.blogChain(), "f.json", "--input", "x", "--provider", "openai"))
                .isEqualTo(RunCommand.INVALID);
        assertThat(err.toString()).contains("unknown provider 'acme'").contains("needs --model");
    }

    @Test
    void aFailingProviderIsExitTwoNamingTheNode() {
        ModelProvider failing = StubProviders.answering((request, sink) -> {
            throw new ModelException(ModelException.Kind.AUTHENTICATION, 401, "invalid api key", null);
        });
        int code = run(SampleFlows.blogChain(), "", failing, "f.json", "--input", "x", "--provider", "openai",
                "--model", "gpt-4o-mini");

        assertThat(code).isEqualTo(RunCommand.FAILED);
        assertThat(err.toString()).contains("run failed at node 'researcher'").contains("invalid api key");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aLimitIsExitThree() {
        Flow flow = SampleFlows.blogChain().withLimits(new Limits(8, 20, 3, Duration.ofSeconds(30),
                Duration.ofSeconds(60), 50L));
        assertThat(run(flow, "f.json", "--input", "x")).isEqualTo(RunCommand.STOPPED);
        assertThat(err.toString()).contains("limit reached").contains("tokenBudget");
    }

    private static Flow humanFlow() {
        return Flow.empty("h", "h")
                .addNode(AgentNode.of("start", NodeKind.START, "Start"))
                .addNode(AgentNode.of("ok", NodeKind.HUMAN, "Approver").withInstructions("Ship it?"))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Out"))
                .addEdge(Edge.next("e1", "start", "ok")).addEdge(Edge.next("e2", "ok", "out")
                        .withContext(dev.baton.flow.ContextPolicy.LAST));
    }

    @Test
    void humanQuestionsAreAnsweredFromStdin() {
        int code = run(humanFlow(), "yes please\n", ModelProviders.real(), "f.json", "--input", "x");

        assertThat(code).isZero();
        assertThat(err.toString()).contains("? [ok] Ship it?");
        assertThat(out.toString().strip()).isEqualTo("yes please");
    }

    @Test
    void humanQuestionsFailClearlyUnderNoInput() {
        int code = run(humanFlow(), "yes\n", ModelProviders.real(), "f.json", "--input", "x", "--no-input");

        assertThat(code).isEqualTo(RunCommand.FAILED);
        assertThat(err.toString()).contains("node 'ok' needs an answer from a person").contains("--no-input");
    }
}
