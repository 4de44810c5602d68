package dev.baton.ui.run;

import dev.baton.engine.RunStatus;
import dev.baton.engine.RunEvent;
import dev.baton.engine.RunTotals;
import dev.baton.flow.AgentNode;
import dev.baton.flow.ContextMode;
import dev.baton.flow.ContextPolicy;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.Flow;
import dev.baton.flow.Limits;
import dev.baton.flow.NodeKind;
import dev.baton.ui.run.TokenMeterModel.Level;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The token and cost meter, the timeline's bars and arrows, and failures, driven by hand-made events (no stage). */
class RunViewModelMeterTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private long seq;

    private static Flow flow(Long budget) {
        Limits l = Limits.DEFAULT;
        return Flow.empty("f", "F")
                .withLimits(new Limits(l.maxTurnsPerAgent(), l.maxHandoffs(), l.maxCriticRetries(), l.agentTimeout(),
                        l.runDeadline(), budget))
                .addNode(AgentNode.of("triage", NodeKind.AGENT, "Triage desk"))
                .addNode(AgentNode.of("billing", NodeKind.AGENT, "Billing"))
                .addEdge(new Edge("h1", EdgeKind.HANDOFF, "triage", "billing",
                        new ContextPolicy(ContextMode.SUMMARY, List.of(), 2000), null, ""));
    }

    private Instant at(long ms) {
        return T0.plusMillis(ms);
    }

    private RunEvent started(boolean simulated) {
        return new RunEvent.RunStarted("r", ++seq, T0, "", "", "f", "F", "in", simulated, List.of("openai/gpt-x"));
    }

    private RunEvent requested(String node, long ms, int turn) {
        return new RunEvent.ModelRequested("r", ++seq, at(ms), node, "", 2, List.of(), turn, List.of());
    }

    private RunEvent responded(String node, long ms, int in, int out, Double cost) {
        return new RunEvent.ModelResponded("r", ++seq, at(ms), node, "", in, out, true, 90, "openai", "gpt-x", false,
                List.of(), "text", cost);
    }

    private void call(RunViewModel vm, String node, long ms, int in, int out, Double cost) {
        vm.apply(requested(node, ms, 1));
        vm.apply(responded(node, ms + 100, in, out, cost));
    }

    @Test
    void costIsTheSumOfTheEventsAndSaysHowManyCallsHadNoKnownPrice() {
        RunViewModel vm = new RunViewModel(flow(null));
        vm.apply(started(false));
        call(vm, "triage", 0, 100, 50, 0.01);
        call(vm, "billing", 200, 10, 5, 0.0023);
        assertThat(vm.meter().costText()).isEqualTo("$0.0123");
        call(vm, "billing", 400, 10, 5, null);
        call(vm, "triage", 600, 10, 5, null);

        assertThat(vm.costUsdProperty().get()).isCloseTo(0.0123, within(1e-12));
        assertThat(vm.meter().unpricedCallsProperty().get()).isEqualTo(2);
        assertThat(vm.meter().costText()).isEqualTo("≥ $0.0123 — 2 calls without a known price");
        assertThat(vm.meter().inputTokensProperty().get()).isEqualTo(130);
        assertThat(vm.meter().outputTokensProperty().get()).isEqualTo(65);
        assertThat(vm.tokensUsedProperty().get()).isEqualTo(195);
        // without a budget: tokens and cost only
        assertThat(vm.meter().levelProperty().get()).isEqualTo(Level.NO_BUDGET);
        assertThat(vm.meter().tokensText()).isEqualTo("195 tokens");
        assertThat(vm.meter().detailText()).contains("Input 130 tokens · output 65 tokens");
    }

    @Test
    void aSimulatedRunIsLabelledFree() {
        RunViewModel vm = new RunViewModel(flow(null));
        vm.apply(started(true));
        call(vm, "triage", 0, 100, 50, 0.0);
        assertThat(vm.meter().costText()).isEqualTo("simulated — $0");
    }

    @Test
    void theMeterTurnsAmberAtEightyPercentAndRedOnlyOverTheBudget() {
        RunViewModel vm = new RunViewModel(flow(1000L));
        vm.apply(started(false));
        call(vm, "triage", 0, 500, 299, 0.0);
        assertThat(vm.budgetFractionProperty().get()).isCloseTo(0.799, within(1e-9));
        assertThat(vm.meter().levelProperty().get()).isEqualTo(Level.OK);
        call(vm, "triage", 200, 1, 0, 0.0);
        assertThat(vm.meter().levelProperty().get()).isEqualTo(Level.WARNING);
        call(vm, "triage", 400, 200, 0, 0.0);
        assertThat(vm.budgetFractionProperty().get()).isEqualTo(1.0);
        assertThat(vm.meter().levelProperty().get()).isEqualTo(Level.WARNING);
        call(vm, "triage", 600, 0, 1, 0.0);
        assertThat(vm.meter().levelProperty().get()).isEqualTo(Level.OVER);
        assertThat(vm.meter().tokensText()).isEqualTo("1,001 / 1,000 tokens");
    }

    @Test
    void eachCallIsOneBarOnItsAgentsLaneWithTokensCostAndLatency() {
        RunViewModel vm = new RunViewModel(flow(null));
        vm.apply(started(false));
        vm.apply(requested("triage", 10, 1));
        assertThat(vm.timeline().bars()).singleElement().satisfies(b -> assertThat(b.open()).isTrue());
        assertThat(vm.timeline().hasOpenBars()).isTrue();
        vm.apply(responded("triage", 250, 120, 30, 0.004));
        call(vm, "billing", 300, 5, 5, null);

        assertThat(vm.timeline().lanes()).containsExactly("triage", "billing");
        assertThat(vm.timeline().label("triage")).isEqualTo("Triage desk");
        assertThat(vm.timeline().bars()).hasSize(2);
        TimelineBar first = vm.timeline().bars().get(0);
        assertThat(first).isEqualTo(new TimelineBar("triage", 10, 250, 1, 120, 30, 90, 0.004, "openai/gpt-x",
                false));
        assertThat(vm.timeline().hasOpenBars()).isFalse();
        assertThat(vm.timeline().nowMs()).isEqualTo(400);
    }

    @Test
    void aHandoffIsAnArrowCarryingTheEdgesContextPolicyAndARejectionIsARedArrowBack() {
        RunViewModel vm = new RunViewModel(flow(null));
        vm.apply(started(false));
        call(vm, "triage", 0, 1, 1, null);
        vm.apply(new RunEvent.Handoff("r", ++seq, at(150), "billing", "h1", "triage", "billing", "refund",
                ContextMode.SUMMARY, "ctx", 1));
        vm.apply(new RunEvent.CriticVerdict("r", ++seq, at(300), "checker", "rev", "billing", false, "cite sources",
                List.of("sources"), 1));

        assertThat(vm.timeline().arrows()).containsExactly(
                new TimelineArrow("triage", "billing", 150, EdgeSignal.Kind.HANDOFF, "SUMMARY · ≤2000 tok"),
                new TimelineArrow("checker", "billing", 300, EdgeSignal.Kind.REJECTION, ""));
    }

    @Test
    void aFailingNodeShowsTheProvidersMessageShortOnItsBadgeAndInFullAsItsErrorAndInTheConsole() {
        String cause = "openai/gpt-x failed: AUTHENTICATION (HTTP 401): Incorrect API key provided: sk-abc***. "
                + "You can find your API key at https://platform.openai.com/account/api-keys.";
        RunViewModel vm = new RunViewModel(flow(null));
        vm.apply(started(false));
        vm.apply(requested("billing", 10, 1));
        vm.apply(new RunEvent.AgentFailed("r", ++seq, at(40), "billing", "", cause));
        vm.apply(new RunEvent.RunFailed("r", ++seq, at(50), "billing", "", RunStatus.FAILED, "agent failed: " + cause,
                new RunTotals(0, 0, 1, 50)));

        NodeView billing = vm.node("billing");
        assertThat(billing.state()).isEqualTo(NodeRunState.FAILED);
        assertThat(billing.errorProperty().get()).isEqualTo(cause);
        assertThat(billing.badgeProperty().get()).startsWith("failed · HTTP 401: Incorrect API key provided")
                .endsWith("…").hasSizeLessThanOrEqualTo("failed · ".length() + RunError.BADGE_CHARS);
        assertThat(vm.console()).anyMatch(l -> l.contains(cause));
        // the first failure (with the provider's message) is what the banner shows
        assertThat(vm.errorProperty().get()).isEqualTo(new RunError("billing", "Billing", cause, false));
        assertThat(vm.timeline().bars()).singleElement().satisfies(b -> {
            assertThat(b.failed()).isTrue();
            assertThat(b.endMs()).isEqualTo(40);
        });
        assertThat(vm.phaseProperty().get()).isEqualTo(RunPhase.FAILED);
    }

    @Test
    void aShortMessageIsKeptWholeAndOnlyItsFirstLineIsShown() {
        assertThat(RunError.badgeFor("no model for x: boom\nstack")).isEqualTo("failed · no model for x: boom");
        assertThat(RunError.badgeFor("")).isEqualTo("failed");
        assertThat(RunError.badgeFor("ollama/llama3 failed after 4 attempts: NETWORK: refused"))
                .isEqualTo("failed · NETWORK: refused");
        assertThat(TokenMeterModel.levelOf(0, 5)).isEqualTo(Level.NO_BUDGET);
    }
}
