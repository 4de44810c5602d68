package dev.baton.ui.run;

import dev.baton.audit.AuditStore;
import dev.baton.audit.H2AuditStore;
import dev.baton.engine.RunEvent;
import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import dev.baton.run.RunOptions;
import dev.baton.run.RunService;
import dev.baton.secret.Redactor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's tool calls reach the view-model (list, card activity, timeline bars, console lines like the CLI's), and a
 * replay from the audit database shows the same calls and results without calling any tool: the file the live run
 * read is deleted before the replay, which still shows what the read returned.
 */
class ToolCallsShownTest {

    static final String TASK = "Check invoices.csv and compute 1250 * 12 + 300";

    private final FakeFxThread fx = new FakeFxThread();

    @AfterEach
    void stop() {
        fx.close();
    }

    static Flow analystFlow() {
        return Flow.empty("tools", "Tools")
                .addNode(AgentNode.of("in", NodeKind.START, "Input").withPosition(0, 0))
                .addNode(AgentNode.of("analyst", NodeKind.AGENT, "Analyst").withRole("financial analyst")
                        .withTools(List.of("calculator", "read_file")).withPosition(300, 0))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Answer").withPosition(600, 0))
                .addEdge(Edge.next("e1", "in", "analyst"))
                .addEdge(Edge.next("e2", "analyst", "out"));
    }

    @Test
    void liveCallsShowEverywhereAndAReplayShowsThemWithoutCallingAnything(@TempDir Path dir) throws Exception {
        Path workspace = Files.createDirectories(dir.resolve("ws"));
        Files.writeString(workspace.resolve("invoices.csv"), "invoice,amount\nINV-7,1250\n");
        Path db = dir.resolve("audit");
        Flow flow = analystFlow();
        RunController c = RunController.on(flow, new RunService(Redactor.shapesOnly()), RunOptions.DEFAULT
                .withSimulated(SimulatedModel.Settings.DEFAULT).withWorkspace(workspace).withAudit(db), fx.executor);
        LiveRuns.Done live = LiveRuns.finish(c, fx, TASK);
        RunViewModel vm = live.vm();

        List<ToolCallRecord> calls = fx.call(() -> List.copyOf(vm.toolCalls()));
        assertThat(calls).extracting(ToolCallRecord::tool).containsExactly("calculator", "read_file");
        assertThat(calls).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(ToolCallRecord.Status.OK);
            assertThat(r.nodeId()).isEqualTo("analyst");
            assertThat(r.open()).isFalse();
        });
        assertThat(calls.get(0).argumentsJson()).isEqualTo("{\"expression\":\"1250 * 12 + 300\"}");
        assertThat(calls.get(0).content()).contains("15300");
        assertThat(calls.get(1).content()).contains("INV-7,1250");
        // the card's activity: the last call, done
        ToolActivity a = fx.call(() -> vm.node("analyst").toolActivityProperty().get());
        assertThat(a.busy()).isFalse();
        assertThat(a.text()).isEqualTo("read_file · ok");
        // the timeline: two closed tool bars on the analyst's lane
        List<ToolCallRecord> bars = fx.call(() -> List.copyOf(vm.timeline().toolBars()));
        assertThat(bars).hasSize(2).allSatisfy(b -> assertThat(b.open()).isFalse());
        assertThat(fx.call(() -> List.copyOf(vm.timeline().lanes()))).contains("analyst");
        // the console says what the CLI's progress lines say
        List<String> console = fx.call(() -> List.copyOf(vm.console()));
        assertThat(console).contains("  tool analyst -> calculator {\"expression\":\"1250 * 12 + 300\"}");
        assertThat(console).anyMatch(l -> l.startsWith("  tool read_file ok (") && l.contains("INV-7,1250"));

        // the audit browser's Tool calls tab: the recorded calls with arguments and results
        var browser = new dev.baton.ui.audit.AuditBrowserModel(() -> H2AuditStore.open(db), Runnable::run,
                Runnable::run);
        browser.refresh().get(30, TimeUnit.SECONDS);
        browser.select(browser.runs().get(0)).get(30, TimeUnit.SECONDS);
        assertThat(browser.toolCalls()).extracting(AuditStore.ToolCallRecord::tool, AuditStore.ToolCallRecord::error)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("calculator", false),
                        org.assertj.core.groups.Tuple.tuple("read_file", false));
        assertThat(browser.toolCalls().get(1).arguments()).isEqualTo("{\"path\":\"invoices.csv\"}");
        assertThat(browser.toolCalls().get(1).result()).contains("INV-7,1250");

        Files.delete(workspace.resolve("invoices.csv"));
        try (AuditStore store = H2AuditStore.open(db);
             ReplayController replay = ReplayController.load(store, live.result().runId(), flow, fx.executor)) {
            assertThat(replay.events()).filteredOn(e -> e instanceof RunEvent.ToolCallRequested).hasSize(2);
            replay.speedProperty().set(0);
            replay.start();
            replay.finished().get(30, TimeUnit.SECONDS);
            RunViewModel again = replay.viewModel();
            List<ToolCallRecord> replayed = fx.call(() -> List.copyOf(again.toolCalls()));
            assertThat(replayed).extracting(ToolCallRecord::tool, ToolCallRecord::status, ToolCallRecord::content)
                    .isEqualTo(calls.stream().map(r -> org.assertj.core.groups.Tuple.tuple(r.tool(), r.status(),
                            r.content())).toList());
            // a call made now would fail: the file is gone, the replay still shows what the read returned
            assertThat(replayed.get(1).content()).contains("INV-7,1250");
            assertThat(Files.exists(workspace.resolve("invoices.csv"))).isFalse();
            assertThat(fx.call(() -> List.copyOf(again.console()))).isEqualTo(console);
            assertThat(fx.call(() -> List.copyOf(again.timeline().toolBars()))).hasSize(2);
        }
    }

    @Test
    void aCallStillOpenWhenTheRunEndsIsClosedAndTheCardStopsSpinning() throws Exception {
        RunViewModel vm = fx.call(() -> new RunViewModel(analystFlow()));
        java.time.Instant t0 = java.time.Instant.parse("2026-12-07T10:00:00Z");
        fx.call(() -> {
            vm.apply(new RunEvent.RunStarted("r", 1, t0, "", "", "tools", "Tools", "x", true, List.of("simulated")));
            vm.apply(new RunEvent.ToolCallRequested("r", 2, t0.plusMillis(5), "analyst", "", "c1", "write_file", "",
                    "{\"path\":\"a.txt\"}"));
            vm.apply(new RunEvent.ToolCallRequested("r", 3, t0.plusMillis(6), "analyst", "", "c2", "calculator", "",
                    "{\"expression\":\"1+1\"}"));
            return null;
        });
        assertThat(fx.call(() -> vm.node("analyst").toolActivityProperty().get().text())).isEqualTo("calculator +1");
        fx.call(() -> {
            vm.apply(new RunEvent.ToolCallFinished("r", 4, t0.plusMillis(9), "analyst", "", "c1", "write_file", "",
                    true, "denied: the person refused the call", 3, 0, false));
            vm.apply(new RunEvent.RunCancelled("r", 5, t0.plusMillis(20), "", "", "stopped",
                    new dev.baton.engine.RunTotals(0, 0, 0, 0)));
            return null;
        });
        List<ToolCallRecord> calls = fx.call(() -> List.copyOf(vm.toolCalls()));
        assertThat(calls).extracting(ToolCallRecord::status).containsExactly(ToolCallRecord.Status.DENIED,
                ToolCallRecord.Status.ERROR);
        assertThat(fx.call(() -> vm.node("analyst").toolActivityProperty().get().busy())).isFalse();
        assertThat(fx.call(() -> vm.timeline().toolBars().stream().noneMatch(ToolCallRecord::open))).isTrue();
    }
}
