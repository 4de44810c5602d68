package dev.baton.ui.run;

import dev.baton.engine.RunEvent;
import dev.baton.engine.RunStatus;
import dev.baton.engine.model.simulated.SimulatedModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Each sample on the simulated model drives the view-model through the node states a canvas shows, in order. */
class RunViewModelSamplesTest {

    private final FakeFxThread fx = new FakeFxThread();

    @AfterEach
    void stop() {
        fx.close();
    }

    private static String statesOf(List<StateChange> seq, String nodeId) {
        return seq.stream().filter(c -> c.nodeId().equals(nodeId)).map(c -> c.state().name())
                .collect(Collectors.joining(" "));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"chain-blog-article.json", "parallel-contract-review.json",
            "supervisor-market-entry-japan.json", "swarm-customer-support.json"})
    void everyNodeThatRanWentThroughRunningToDoneAndTheRunSucceeded(String file) throws Exception {
        LiveRuns.Done d = LiveRuns.run(file, SimulatedModel.Settings.DEFAULT, fx, null);
        assertThat(d.result().status()).as(d.result().toString()).isEqualTo(RunStatus.SUCCEEDED);
        RunViewModel vm = d.vm();
        List<StateChange> seq = fx.call(vm::stateSequenceCopy);

        assertThat(fx.call(() -> vm.phaseProperty().get())).isEqualTo(RunPhase.SUCCEEDED);
        assertThat(fx.call(() -> vm.finalOutputProperty().get())).isEqualTo(d.result().output());
        List<String> started = d.recorder().of(RunEvent.AgentStarted.class).stream()
                .map(RunEvent.AgentStarted::nodeId).distinct().toList();
        assertThat(started).isNotEmpty();
        for (String node : started) {
            // each activation: perhaps waiting for input, then running, then done; the last one ends done
            assertThat(statesOf(seq, node)).as(node).matches("((WAITING )?RUNNING DONE ?)+");
        }
        // nodes start in the order the engine started them
        List<String> firstRunning = seq.stream().filter(c -> c.state() == NodeRunState.RUNNING)
                .map(StateChange::nodeId).distinct().filter(started::contains).toList();
        assertThat(firstRunning).isEqualTo(started);
        for (String node : started) {
            assertThat(fx.call(() -> vm.node(node).state())).isEqualTo(NodeRunState.DONE);
        }
        // the meter counts what the engine counted
        long tokens = d.recorder().of(RunEvent.RunFinished.class).get(0).totals().totalTokens();
        assertThat(fx.call(() -> vm.tokensUsedProperty().get())).isEqualTo(tokens);
        assertThat(fx.call(() -> vm.budgetFractionProperty().get())).isGreaterThan(0).isLessThan(1);
        assertThat(fx.call(() -> vm.simulatedProperty().get())).isTrue();
        assertThat(fx.call(() -> List.copyOf(vm.console()))).first().asString().contains("[simulated]");
        assertThat(fx.call(() -> List.copyOf(vm.timeline().bars()))).isNotEmpty()
                .allSatisfy(b -> assertThat(b.open()).isFalse());
    }

    @Test
    void theCriticsRejectionTravelsBackRedOnTheReviewsEdgeAndTheEditorRunsAgain() throws Exception {
        RunController c = RunController.simulated(LiveRuns.sample("chain-blog-article.json"),
                SimulatedModel.Settings.DEFAULT.withCriticFailRate(1.0), fx.executor);
        List<EdgeSignal> signals = new CopyOnWriteArrayList<>();
        List<Boolean> red = new CopyOnWriteArrayList<>();
        EdgeActivity review = c.viewModel().edge("fact-check-editor");
        review.lastSignalProperty().addListener((o, a, s) -> signals.add(s));
        review.rejectedProperty().addListener((o, a, r) -> red.add(r));
        LiveRuns.Done d = LiveRuns.finish(c, fx, LiveRuns.inputFor("chain-blog-article.json"));

        assertThat(signals).isNotEmpty();
        EdgeSignal first = signals.get(0);
        assertThat(first.kind()).isEqualTo(EdgeSignal.Kind.REJECTION);
        assertThat(first.from()).isEqualTo("fact-checker");
        assertThat(first.to()).isEqualTo("editor");
        assertThat(first.text()).isNotBlank();
        assertThat(red).startsWith(true);
        List<StateChange> seq = fx.call(c.viewModel()::stateSequenceCopy);
        assertThat(statesOf(seq, "editor")).startsWith("WAITING RUNNING DONE RUNNING DONE");
        assertThat(statesOf(seq, "fact-checker")).startsWith("RUNNING DONE");
        assertThat(fx.call(() -> c.viewModel().node("editor").attemptsProperty().get())).isGreaterThan(1);
        assertThat(fx.call(() -> List.copyOf(c.viewModel().console()))).anyMatch(l -> l.contains("rejects editor"));
        assertThat(d.result().status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void handoffsShowOnTheirEdgesWithTheContextPolicyAndOnTheTimeline() throws Exception {
        LiveRuns.Done d = LiveRuns.run("swarm-customer-support.json", SimulatedModel.Settings.DEFAULT, fx, null);
        RunViewModel vm = d.vm();
        List<RunEvent.Handoff> handoffs = d.recorder().of(RunEvent.Handoff.class);
        assertThat(handoffs).extracting(RunEvent.Handoff::edgeId).containsExactly("triage-to-billing",
                "billing-to-refunds");
        for (RunEvent.Handoff h : handoffs) {
            EdgeSignal s = fx.call(() -> vm.edge(h.edgeId()).lastSignalProperty().get());
            assertThat(s.kind()).isEqualTo(EdgeSignal.Kind.HANDOFF);
            assertThat(s.contextMode()).isEqualTo(h.contextMode().name());
            assertThat(s.text()).isEqualTo(h.context());
        }
        assertThat(fx.call(() -> List.copyOf(vm.timeline().arrows()))).extracting(a -> a.fromLane() + "->"
                + a.toLane()).containsExactly("triage->billing", "billing->refunds");
        assertThat(fx.call(() -> vm.node("technical-support").state())).isEqualTo(NodeRunState.IDLE);
    }

    @Test
    void delegationsFanOutAndComeBackOnTheirEdges() throws Exception {
        LiveRuns.Done d = LiveRuns.run("supervisor-market-entry-japan.json", SimulatedModel.Settings.DEFAULT, fx,
                null);
        RunViewModel vm = d.vm();
        for (String e : List.of("lead-to-market-researcher", "lead-to-financial-analyst", "lead-to-legal-analyst",
                "lead-to-writer")) {
            EdgeSignal s = fx.call(() -> vm.edge(e).lastSignalProperty().get());
            int n = fx.call(() -> vm.edge(e).traversalsProperty().get());
            assertThat(n).as(e).isGreaterThanOrEqualTo(2); // out and back at least once
            assertThat(s.kind()).as(e).isEqualTo(EdgeSignal.Kind.RETURN);
        }
        assertThat(fx.call(() -> List.copyOf(vm.timeline().arrows()))).anyMatch(a -> a.kind()
                == EdgeSignal.Kind.DELEGATION && a.fromLane().equals("strategy-lead"));
    }

    @Test
    void theJudgesDecisionShowsTheWinnerAndWhy() throws Exception {
        LiveRuns.Done d = LiveRuns.run("parallel-contract-review.json", SimulatedModel.Settings.DEFAULT, fx, null);
        RunEvent.JudgeDecision decision = d.recorder().of(RunEvent.JudgeDecision.class).get(0);
        JudgeOutcome shown = fx.call(() -> d.vm().node("contract-judge").decisionProperty().get());
        assertThat(shown.winner()).isEqualTo(decision.winner());
        assertThat(shown.rationale()).isEqualTo(decision.rationale()).isNotBlank();
        if (decision.winner().equals("legal-agent") || decision.winner().equals("financial-agent")) {
            String won = decision.winner().equals("legal-agent") ? "legal-to-judge" : "financial-to-judge";
            assertThat(fx.call(() -> d.vm().edge(won).chosenProperty().get())).isTrue();
        }
        // both branches ran: each was waiting/running before the judge started
        List<StateChange> seq = fx.call(d.vm()::stateSequenceCopy);
        int judgeRuns = seq.indexOf(new StateChange("contract-judge", NodeRunState.RUNNING));
        assertThat(seq.indexOf(new StateChange("legal-agent", NodeRunState.DONE))).isBetween(0, judgeRuns);
        assertThat(seq.indexOf(new StateChange("financial-agent", NodeRunState.DONE))).isBetween(0, judgeRuns);
    }
}
