package dev.baton.temporal;

import dev.baton.audit.AuditWriter;
import dev.baton.engine.model.AgentModel;
import dev.baton.engine.model.ModelException;
import dev.baton.engine.model.ModelProvider;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.model.ModelRequest;
import dev.baton.flow.ModelRef;
import dev.baton.secret.Redactor;
import dev.baton.tool.ToolRegistry;
import dev.baton.tool.ToolResult;
import dev.baton.tool.ToolRunner;
import dev.baton.tool.builtin.BuiltInTools;
import dev.baton.tool.builtin.Workspace;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A worker's side of the activities: its own model provider (keys from its environment or credentials file, never
 * from the workflow), its own tools, and its audit database. Safe for many activities at once.
 */
public final class WorkerActivities implements BatonActivities {

    /** How often a worker tells Temporal it is alive while a model answers ({@link ModelActivity#HEARTBEAT_TIMEOUT}). */
    static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(2);
    /** One daemon thread beats for every call in progress (the SDK throttles what it sends). */
    /** A retry-after below this waits this long: the embedded engine's first backoff step. */
    private static final Duration RETRY_FLOOR = dev.baton.engine.RunnerOptions.DEFAULT.backoffBase();

    private static final ScheduledExecutorService HEARTBEATS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "baton-worker-heartbeat");
        t.setDaemon(true);
        return t;
    });

    private final ModelProvider models;
    private final Redactor redactor;
    private final WorkerRecorder recorder;
    private final Map<ModelRef, AgentModel> cache = new ConcurrentHashMap<>();

    /**
     * @param models   the worker's models
     * @param audit    the worker's audit database writer, or null to record nothing
     * @param redactor cleans tool output as the engine's own tool runner does
     */
    public WorkerActivities(ModelProvider models, AuditWriter audit, Redactor redactor) {
        this.models = models;
        this.redactor = redactor;
        this.recorder = new WorkerRecorder(audit);
    }

    @Override
    public Wire.ModelAnswer callModel(Wire.ModelCall call) {
        AgentModel model;
        ModelRef ref = call.model().toRef();
        try {
            model = cache.computeIfAbsent(ref, models::model);
        } catch (RuntimeException e) {
            throw ApplicationFailure.newNonRetryableFailure("no model for " + ref.label() + ": "
                    + e.getMessage(), ModelActivity.FAILURE_TYPE + ModelException.Kind.CLIENT_ERROR.name());
        }
        long recorded = recorder.carry(call.recording()); // stored while the model answers
        List<String> chunks = Collections.synchronizedList(new ArrayList<>());
        ScheduledFuture<?> beats = heartbeats();
        try {
            ModelReply reply = model.chat(new ModelRequest(call.nodeId(), call.chatMessages(), call.tools(),
                    call.json()), chunks::add);
            return new Wire.ModelAnswer(reply, List.copyOf(chunks), recorded);
        } catch (ModelException e) {
            String type = ModelActivity.FAILURE_TYPE + e.kind().name();
            String message = redactor.forMessage(String.valueOf(e.getMessage()));
            Duration asked = e.retryAfter();
            if (e.retryable() && asked != null && asked.compareTo(ModelException.LONGEST_RETRY_AFTER) > 0) {
                // as the embedded engine: a quota reset in an hour fails the call now, saying so
                throw ApplicationFailure.newNonRetryableFailure(message + "; the provider asks to wait "
                        + asked.toSeconds() + " s before retrying, longer than "
                        + ModelException.LONGEST_RETRY_AFTER.toSeconds() + " s", type);
            }
            // the provider's retry-after, when it gave one, is the least the next attempt waits (Temporal's own
            // backoff otherwise; the header never reached Temporal before)
            Duration backoff = asked == null ? null : asked.compareTo(RETRY_FLOOR) < 0 ? RETRY_FLOOR : asked;
            throw ApplicationFailure.newBuilder().setMessage(message).setType(type).setNonRetryable(!e.retryable())
                    .setNextRetryDelay(e.retryable() ? backoff : null).build();
        } finally {
            if (beats != null) {
                beats.cancel(false);
            }
        }
    }

    /**
     * Beats for the activity in progress until cancelled: a model may think for minutes, and a worker killed
     * meanwhile must be noticed by its silence, not after the model's whole timeout. Null outside an activity.
     */
    private static ScheduledFuture<?> heartbeats() {
        ActivityExecutionContext context;
        try {
            context = Activity.getExecutionContext();
        } catch (IllegalStateException | NullPointerException notInAnActivity) {
            return null;
        }
        long every = HEARTBEAT_EVERY.toMillis();
        return HEARTBEATS.scheduleAtFixedRate(() -> {
            try {
                context.heartbeat(null);
            } catch (RuntimeException e) {
                // the call was cancelled or timed out: its answer is not wanted any more; the call ends by itself
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public Wire.ToolAnswer callTool(Wire.ToolCallInput call) {
        Workspace workspace = null;
        if (call.workspace() != null && !call.workspace().isBlank() && Path.of(call.workspace()).isAbsolute()) {
            try {
                workspace = new Workspace(Path.of(call.workspace()));
            } catch (IOException e) {
                workspace = null; // the tool then says it has no workspace
            }
        }
        ToolRegistry registry = BuiltInTools.registerAll(new ToolRegistry(),
                BuiltInTools.Settings.defaults(workspace, call.httpAllowHosts()));
        try (ToolRunner runner = new ToolRunner(registry, redactor)) {
            ToolResult r = runner.call(call.tool(), call.argumentsJson());
            return new Wire.ToolAnswer(r.tool(), r.error(), r.content(), r.duration().toMillis(), r.bytes(),
                    r.truncated());
        }
    }

    @Override
    public long record(Wire.Recording recording) {
        return recorder.store(recording);
    }
}
