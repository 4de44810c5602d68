package dev.baton.temporal;

import dev.baton.engine.model.AgentModel;
import dev.baton.engine.model.ModelException;
import dev.baton.engine.model.ModelProvider;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.model.ModelRequest;
import dev.baton.engine.model.TokenSink;
import dev.baton.engine.RunnerOptions;
import dev.baton.flow.ModelRef;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;

import java.time.Duration;

/**
 * The workflow's side of the models: every model call is one activity, on whichever worker takes it, under the
 * agent's timeout and the engine's retry policy as Temporal's. Keys never enter it: the worker's provider has them.
 */
final class ModelActivity implements ModelProvider {

    /** Model failures travel as ApplicationFailures of this type prefix plus the {@link ModelException.Kind}. */
    static final String FAILURE_TYPE = "model.";

    /**
     * How long a worker may go silent during a model call before the call is given to another worker: a worker
     * killed mid-call is noticed after this, not after the model's whole timeout. Workers heartbeat every
     * {@link WorkerActivities#HEARTBEAT_EVERY} while a model answers.
     */
    static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(10);

    private final String runId;
    private final Duration agentTimeout;
    private final EventRecorder recorder;

    ModelActivity(String runId, Duration agentTimeout, EventRecorder recorder) {
        this.runId = runId;
        this.agentTimeout = agentTimeout;
        this.recorder = recorder;
    }

    @Override
    public String missingCredentials(ModelRef ref) {
        return null; // the workers' concern: they hold the keys
    }

    @Override
    public AgentModel model(ModelRef ref) {
        BatonActivities activities = Workflow.newActivityStub(BatonActivities.class, options(ref, agentTimeout));
        return (ModelRequest request, TokenSink sink) -> {
            Wire.ModelAnswer answer;
            Wire.Recording piece = recorder.piece();
            try {
                answer = activities.callModel(new Wire.ModelCall(runId, request.nodeId(), Wire.Model.of(ref),
                        Wire.ModelCall.messagesOf(request.messages()), request.tools(), request.jsonResponse(),
                        piece));
            } catch (ActivityFailure e) {
                recorder.lost();
                throw modelException(e);
            } catch (CanceledFailure e) {
                recorder.lost();
                throw new ModelException(ModelException.Kind.CANCELLED, "the run was cancelled");
            }
            recorder.answered(answer.recorded());
            for (String chunk : answer.chunks()) {
                sink.onToken(chunk);
            }
            ModelReply reply = answer.reply();
            return reply;
        };
    }

    /**
     * One attempt may take the model's own timeout, all attempts together the agent's timeout; retryable failures are
     * retried as the embedded engine does (4 attempts, 500 ms doubling to 8 s).
     */
    static ActivityOptions options(ModelRef ref, Duration agentTimeout) {
        int seconds = ref.timeoutSeconds() != null ? ref.timeoutSeconds() : ModelRef.DEFAULT_TIMEOUT_SECONDS;
        Duration attempt = Duration.ofSeconds(seconds);
        RunnerOptions engine = RunnerOptions.DEFAULT;
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(attempt.compareTo(agentTimeout) < 0 ? attempt : agentTimeout)
                .setScheduleToCloseTimeout(agentTimeout)
                .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
                .setRetryOptions(RetryOptions.newBuilder()
                        .setMaximumAttempts(engine.providerAttempts())
                        .setInitialInterval(engine.backoffBase())
                        .setBackoffCoefficient(2.0)
                        .setMaximumInterval(engine.backoffMax())
                        .build())
                .build();
    }

    private static ModelException modelException(ActivityFailure e) {
        Throwable cause = e.getCause();
        if (cause instanceof ApplicationFailure app && app.getType().startsWith(FAILURE_TYPE)) {
            ModelException.Kind kind;
            try {
                kind = ModelException.Kind.valueOf(app.getType().substring(FAILURE_TYPE.length()));
            } catch (IllegalArgumentException unknown) {
                kind = ModelException.Kind.INVALID_RESPONSE;
            }
            return new ModelException(kind, 0, app.getOriginalMessage(), null);
        }
        if (cause instanceof CanceledFailure) {
            return new ModelException(ModelException.Kind.CANCELLED, "the run was cancelled");
        }
        if (cause instanceof TimeoutFailure) {
            return new ModelException(ModelException.Kind.TIMEOUT, "no answer within the agent's timeout");
        }
        return new ModelException(ModelException.Kind.SERVER_ERROR, reason(e));
    }

    /** A one-line reason of an activity's failure. */
    static String reason(ActivityFailure e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return cause instanceof ApplicationFailure app ? app.getOriginalMessage() : String.valueOf(cause.getMessage());
    }
}
