package dev.baton.ui.run;

import dev.baton.engine.FlowRunner;
import dev.baton.engine.RunnerOptions;
import dev.baton.engine.model.ModelProvider;
import dev.baton.engine.model.ModelReply;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.ModelRef;
import dev.baton.flow.NodeKind;
import dev.baton.secret.PlantedKeys;
import dev.baton.testing.StubProviders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The designer's console, node panes, timeline, final output and its audit record get the program's redactor: planted
 * keys in the input, the instructions and a model's streamed reply show nowhere (issue 12).
 */
class RunPanesSecretsTest {

    private final FakeFxThread fx = new FakeFxThread();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void noPaneShowsAPlantedKey() throws Exception {
        Flow flow = Flow.empty("planted", "Planted")
                .addNode(AgentNode.of("start", NodeKind.START, "Start"))
                .addNode(AgentNode.of("agent", NodeKind.AGENT, "Agent")
                        .withInstructions("Use: " + PlantedKeys.allInOneText()))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Out"))
                .addEdge(Edge.next("e1", "start", "agent")).addEdge(Edge.next("e2", "agent", "out"))
                .withDefaultModel(new ModelRef("openai", "stub", null, null));
        ModelProvider echo = StubProviders.answering((request, sink) -> {
            String reply = "Echo: " + PlantedKeys.allInOneText();
            reply.lines().forEach(l -> sink.onToken(l + "\n"));
            return new ModelReply(reply, List.of(), 5, 5, true, "openai", "stub", false);
        });
        Path db = dir.resolve("audit");
        RunController c = new RunController(flow, FlowRunner.create(echo, RunnerOptions.DEFAULT), fx.executor)
                .auditTo(db).redactWith(PlantedKeys.redactor());

        LiveRuns.Done d = LiveRuns.finish(c, fx, "Input: " + PlantedKeys.allInOneText());

        RunViewModel vm = d.vm();
        List<String> shown = new ArrayList<>(fx.call(() -> List.copyOf(vm.console())));
        shown.add(fx.call(() -> vm.finalOutputProperty().get()));
        for (String node : List.of("start", "agent", "out")) {
            shown.add(fx.call(() -> vm.node(node).lastOutputProperty().get()));
            shown.add(fx.call(() -> vm.node(node).streamedTextProperty().get()));
        }
        fx.call(() -> vm.timeline().bars()).forEach(b -> shown.add(String.valueOf(b)));
        fx.call(() -> vm.timeline().arrows()).forEach(a -> shown.add(String.valueOf(a)));
        shown.add(String.join("\n", d.recorder().events.stream().map(String::valueOf).toList()));
        shown.add(new String(Files.readAllBytes(dir.resolve("audit.mv.db")), StandardCharsets.ISO_8859_1));
        assertThat(String.join("\n", shown)).contains("Echo:").contains("[REDACTED]");
        for (PlantedKeys.Planted p : PlantedKeys.ALL) {
            for (String pane : shown) {
                assertThat(pane).as(p.shape()).doesNotContain(p.secret());
            }
        }
    }
}
