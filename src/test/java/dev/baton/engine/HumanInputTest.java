package dev.baton.engine;

import dev.baton.flow.AgentNode;
import dev.baton.flow.ContextPolicy;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static dev.baton.engine.ScriptedModel.userText;
import static org.assertj.core.api.Assertions.assertThat;

class HumanInputTest {

    private static Flow withHuman() {
        return Flows.flow().agent("draft")
                .node(AgentNode.of("approve", NodeKind.HUMAN, "Approver").withInstructions("Publish this draft?"))
                .agent("final")
                .next("start", "draft").next("draft", "approve", ContextPolicy.LAST)
                .next("approve", "final").next("final", "out", ContextPolicy.LAST).build();
    }

    @Test
    void aHandlerAnswersAndTheAnswerFlowsOn() throws Exception {
        ScriptedModel model = new ScriptedModel().answer("draft", "the draft");
        RunRequest request = RunRequest.of("go").withHumanInput((id, node, question, context) ->
                question.equals("Publish this draft?") && context.equals("the draft") ? "yes, ship it" : "??");
        Runs.Outcome o = Runs.run(model, withHuman(), request);

        assertThat(o.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(userText(model.requestsOf("final").get(0))).contains("Approver:\nyes, ship it");
        assertThat(o.events(RunEvent.HumanInputReceived.class)).singleElement()
                .extracting(RunEvent.HumanInputReceived::answer).isEqualTo("yes, ship it");
    }

    @Test
    void theRunPausesUntilAnsweredThroughTheHandle() throws Exception {
        EventRecorder rec = new EventRecorder();
        RunHandle h = Runs.runner(new ScriptedModel()).start(withHuman(), RunRequest.of("go"), rec);
        RunEvent.HumanInputRequested asked = null;
        for (int i = 0; i < 500 && asked == null; i++) {
            asked = rec.of(RunEvent.HumanInputRequested.class).stream().findFirst().orElse(null);
            Thread.sleep(10);
        }
        assertThat(asked).isNotNull();
        assertThat(h.result()).isNotDone();
        assertThat(h.answer("no-such-request", "x")).isFalse();
        assertThat(h.answer(asked.requestId(), "approved")).isTrue();

        RunResult r = h.result().get(5, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void withoutHumanInputTheRunFailsClearly() throws Exception {
        Runs.Outcome o = Runs.run(new ScriptedModel(), withHuman(), RunRequest.of("go").withoutHumanInput());

        assertThat(o.result().status()).isEqualTo(RunStatus.FAILED);
        assertThat(o.result().nodeId()).isEqualTo("approve");
        assertThat(o.result().cause()).contains("Publish this draft?").contains("--no-input");
    }

    @Test
    void cancelWhileWaitingForAPersonEndsCancelled() throws Exception {
        EventRecorder rec = new EventRecorder();
        RunHandle h = Runs.runner(new ScriptedModel()).start(withHuman(), RunRequest.of("go"), rec);
        while (rec.of(RunEvent.HumanInputRequested.class).isEmpty()) {
            Thread.sleep(5);
        }
        h.cancel();
        assertThat(h.result().get(1, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(h.awaitEventsDelivered(Duration.ofSeconds(2))).isTrue();
    }
}
