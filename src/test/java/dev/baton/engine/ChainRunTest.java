package dev.baton.engine;

import dev.baton.engine.step.Tokens;
import dev.baton.flow.ContextMode;
import dev.baton.flow.ContextPolicy;
import dev.baton.flow.Flow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.baton.engine.ScriptedModel.text;
import static dev.baton.engine.ScriptedModel.userText;
import static org.assertj.core.api.Assertions.assertThat;

class ChainRunTest {

    @Test
    void chainRunsInOrderAndPassesFullHistoryLabelledByAgent() throws Exception {
        ScriptedModel model = new ScriptedModel().answer("a", "notes of a").answer("b", "draft of b");
        Runs.Outcome o = Runs.run(model, Flows.flow().chain("a", "b").build(), "the brief");

        assertThat(o.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(o.events(RunEvent.AgentStarted.class)).extracting(RunEvent::nodeId)
                .containsExactly("start", "a", "b", "out");
        assertThat(userText(model.requestsOf("b").get(0)))
                .isEqualTo("Request:\nthe brief\n\na:\nnotes of a");
        assertThat(o.result().output()).contains("Request:\nthe brief").endsWith("b:\ndraft of b");
    }

    @Test
    void lastPassesOnlyTheSendersOutput() throws Exception {
        ScriptedModel model = new ScriptedModel().answer("a", "notes of a").answer("b", "draft of b");
        Flow flow = Flows.flow().agent("a").agent("b").next("start", "a").next("a", "b", ContextPolicy.LAST)
                .next("b", "out", ContextPolicy.LAST).build();
        Runs.Outcome o = Runs.run(model, flow, "the brief");

        assertThat(userText(model.requestsOf("b").get(0))).isEqualTo("notes of a");
        assertThat(o.result().output()).isEqualTo("draft of b");
        assertThat(o.events(RunEvent.ContextPassed.class)).filteredOn(e -> e.nodeId().equals("b"))
                .singleElement().satisfies(e -> {
                    assertThat(e.mode()).isEqualTo(ContextMode.LAST);
                    assertThat(e.context()).isEqualTo("notes of a");
                });
    }

    @Test
    void summaryIsExtractiveAndWithinBudget() throws Exception {
        String longOutput = "First finding is important. Second point. Third point. Fourth point is cut.";
        ScriptedModel model = new ScriptedModel().answer("a", longOutput);
        Flow flow = Flows.flow().agent("a").agent("b").next("start", "a")
                .next("a", "b", new ContextPolicy(ContextMode.SUMMARY, List.of(), 40))
                .next("b", "out", ContextPolicy.LAST).build();
        Runs.run(model, flow, "Write about X. Make it short.");

        String input = userText(model.requestsOf("b").get(0));
        assertThat(input).isEqualTo("Request: Write about X.\na: First finding is important. Second point. "
                + "Third point.");
        assertThat(Tokens.estimate(input)).isLessThanOrEqualTo(40);
    }

    @Test
    void fieldsPicksJsonFieldsOrTextLines() throws Exception {
        ScriptedModel model = new ScriptedModel().answer("a", "{\"title\":\"T\",\"body\":\"long\",\"score\":3}")
                .answer("c", "Title: Hello\nBody: long text\n- Score: 7");
        Flow flow = Flows.flow().agent("a").agent("b").agent("c").agent("d")
                .next("start", "a").next("a", "b", new ContextPolicy(ContextMode.FIELDS, List.of("title", "score"), null))
                .next("b", "c").next("c", "d", new ContextPolicy(ContextMode.FIELDS, List.of("title", "score"), null))
                .next("d", "out", ContextPolicy.LAST).build();
        Runs.run(model, flow, "go");

        assertThat(userText(model.requestsOf("b").get(0))).isEqualTo("{\"title\":\"T\",\"score\":3}");
        assertThat(userText(model.requestsOf("d").get(0))).isEqualTo("Title: Hello\nScore: 7");
    }

    @Test
    void tokenBudgetTruncatesWithAVisibleMarker() throws Exception {
        ScriptedModel model = new ScriptedModel().answer("a", "x".repeat(1000));
        Flow flow = Flows.flow().agent("a").agent("b").next("start", "a")
                .next("a", "b", new ContextPolicy(ContextMode.LAST, List.of(), 50))
                .next("b", "out", ContextPolicy.LAST).build();
        Runs.Outcome o = Runs.run(model, flow, "go");

        String input = userText(model.requestsOf("b").get(0));
        assertThat(input).endsWith("[… truncated to 50 tokens]");
        assertThat(Tokens.estimate(input)).isLessThanOrEqualTo(50);
        assertThat(o.events(RunEvent.ContextPassed.class)).filteredOn(e -> e.nodeId().equals("b"))
                .singleElement().extracting(RunEvent.ContextPassed::truncated).isEqualTo(true);
    }

    @Test
    void parallelBranchesOverlapAndTheJoinWaitsForBoth() throws Exception {
        CountDownLatch bothIn = new CountDownLatch(2);
        ScriptedModel model = new ScriptedModel();
        ScriptedModel.Script meetTheOther = (r, n) -> {
            bothIn.countDown();
            // only returns early when the other branch is running at the same time
            boolean overlapped = bothIn.await(5, TimeUnit.SECONDS);
            Thread.sleep(200);
            return text(r.nodeId() + (overlapped ? " overlapped" : " alone"));
        };
        model.on("left", meetTheOther).on("right", meetTheOther);
        Flow flow = Flows.flow().agent("left").agent("right").agent("join")
                .next("start", "left").next("start", "right")
                .next("left", "join", ContextPolicy.LAST).next("right", "join", ContextPolicy.LAST)
                .next("join", "out", ContextPolicy.LAST).build();
        long t0 = System.nanoTime();
        Runs.Outcome o = Runs.run(model, flow, "go");
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertThat(o.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        String joinInput = userText(model.requestsOf("join").get(0));
        assertThat(joinInput).contains("left overlapped").contains("right overlapped")
                .contains("=== From left ===").contains("=== From right ===");
        assertThat(ms).isLessThan(380);
        // the join started only after both branches finished
        List<RunEvent> all = o.all();
        long joinStart = all.stream().filter(e -> e instanceof RunEvent.AgentStarted && e.nodeId().equals("join"))
                .findFirst().orElseThrow().seq();
        assertThat(o.events(RunEvent.AgentFinished.class)).filteredOn(e -> !e.nodeId().equals("join")
                        && !e.nodeId().equals("out"))
                .allMatch(e -> e.seq() < joinStart);
    }

    @Test
    void sequenceNumbersAreGapFreeAndTheTerminalEventIsLast() throws Exception {
        ScriptedModel model = new ScriptedModel();
        Flow flow = Flows.flow().agent("a").agent("b").agent("c")
                .next("start", "a").next("start", "b").next("a", "c").next("b", "c").next("c", "out").build();
        Runs.Outcome o = Runs.run(model, flow, "go");

        List<RunEvent> all = o.all();
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).seq()).isEqualTo(i + 1);
            assertThat(all.get(i).runId()).isEqualTo(o.result().runId());
        }
        assertThat(all.get(0)).isInstanceOf(RunEvent.RunStarted.class);
        assertThat(all.get(all.size() - 1)).isInstanceOf(RunEvent.RunFinished.class);
    }

    @Test
    void aSlowListenerDoesNotSlowTheRun() throws Exception {
        ScriptedModel model = new ScriptedModel();
        Flow flow = Flows.flow().chain("a", "b", "c", "d", "e").build();
        EventRecorder slowSeen = new EventRecorder();
        RunListener slow = e -> {
            slowSeen.onEvent(e);
            try {
                Thread.sleep(50);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        };
        long t0 = System.nanoTime();
        RunHandle h = Runs.runner(model).start(flow, RunRequest.of("go"), slow);
        RunResult r = h.result().get(10, TimeUnit.SECONDS);
        long runMs = (System.nanoTime() - t0) / 1_000_000;
        long published = r.totals().modelCalls() >= 0 ? countAfterDrain(h, slowSeen) : 0;

        assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
        // about 25 events x 50 ms = 1.25 s of listener time; the run itself did not wait for it
        assertThat(published).isGreaterThan(20);
        assertThat(runMs).isLessThan(published * 50 / 3);
    }

    private static long countAfterDrain(RunHandle h, EventRecorder seen) throws InterruptedException {
        assertThat(h.awaitEventsDelivered(Duration.ofSeconds(10))).isTrue();
        return seen.events.size();
    }

    @Test
    void aThrowingListenerIsReportedOnceAndTheRunGoesOn() throws Exception {
        ScriptedModel model = new ScriptedModel();
        EventRecorder rec = new EventRecorder();
        RunListener bad = e -> {
            throw new IllegalStateException("boom");
        };
        RunHandle h = Runs.runner(model).start(Flows.flow().chain("a", "b").build(), RunRequest.of("go"), bad, rec);
        RunResult r = h.result().get(10, TimeUnit.SECONDS);
        assertThat(h.awaitEventsDelivered(Duration.ofSeconds(5))).isTrue();

        assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(h.listenerFailures()).singleElement().asString().contains("boom");
        assertThat(rec.events.get(rec.events.size() - 1)).isInstanceOf(RunEvent.RunFinished.class);
    }

    @Test
    void cancelStopsAModelCallWithinOneSecond() throws Exception {
        ScriptedModel model = new ScriptedModel().latency(30_000);
        EventRecorder rec = new EventRecorder();
        RunHandle h = Runs.runner(model).start(Flows.flow().chain("a").build(), RunRequest.of("go"), rec);
        while (model.requests.isEmpty()) {
            Thread.sleep(5);
        }
        long t0 = System.nanoTime();
        h.cancel();
        RunResult r = h.result().get(1, TimeUnit.SECONDS);
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1000);
        assertThat(r.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(h.awaitEventsDelivered(Duration.ofSeconds(5))).isTrue();
        assertThat(rec.events.get(rec.events.size() - 1)).isInstanceOf(RunEvent.RunCancelled.class);
    }

    @Test
    void agentTimeoutEndsTheRunAsLimitReachedNamingTheAgent() throws Exception {
        ScriptedModel model = new ScriptedModel().latency(30_000);
        Flow flow = Flows.flow().chain("slow").agentTimeout(Duration.ofMillis(150)).build();
        Runs.Outcome o = Runs.run(model, flow, "go");

        assertThat(o.result().status()).isEqualTo(RunStatus.LIMIT_REACHED);
        assertThat(o.result().nodeId()).isEqualTo("slow");
        assertThat(o.events(RunEvent.LimitReached.class)).singleElement()
                .extracting(RunEvent.LimitReached::limit).isEqualTo("agentTimeout");
    }

    @Test
    void runDeadlineEndsTheRunAsLimitReached() throws Exception {
        ScriptedModel model = new ScriptedModel().latency(30_000);
        Flow flow = Flows.flow().chain("slow").deadline(Duration.ofMillis(150)).build();
        Runs.Outcome o = Runs.run(model, flow, "go");

        assertThat(o.result().status()).isEqualTo(RunStatus.LIMIT_REACHED);
        assertThat(o.events(RunEvent.LimitReached.class)).singleElement()
                .extracting(RunEvent.LimitReached::limit).isEqualTo("runDeadline");
    }

    @Test
    void tokenBudgetStopsTheRun() throws Exception {
        ScriptedModel model = new ScriptedModel(); // 15 tokens per call
        Flow flow = Flows.flow().chain("a", "b", "c").tokenBudget(20).build();
        Runs.Outcome o = Runs.run(model, flow, "go");

        assertThat(o.result().status()).isEqualTo(RunStatus.LIMIT_REACHED);
        assertThat(o.result().nodeId()).isEqualTo("b");
        assertThat(o.result().cause()).contains("budget of 20");
        assertThat(model.requestsOf("c")).isEmpty();
    }

    @Test
    void anEmptyOutputFailsTheRunNamingTheNode() throws Exception {
        ScriptedModel model = new ScriptedModel().answer("a", "  ");
        Runs.Outcome o = Runs.run(model, Flows.flow().chain("a", "b").build(), "go");

        assertThat(o.result().status()).isEqualTo(RunStatus.FAILED);
        assertThat(o.result().nodeId()).isEqualTo("a");
        assertThat(o.result().cause()).contains("empty output");
        assertThat(o.events(RunEvent.RunFailed.class)).singleElement()
                .extracting(RunEvent.RunFailed::nodeId).isEqualTo("a");
    }

    @Test
    void aFlowWithoutOutputFailsWithTheReason() throws Exception {
        Flow flow = Flows.flow().agent("a").next("start", "a").build();
        Runs.Outcome o = Runs.run(new ScriptedModel(), flow, "go");

        assertThat(o.result().status()).isEqualTo(RunStatus.FAILED);
        assertThat(o.result().cause()).contains("cannot be reached");
    }
}
