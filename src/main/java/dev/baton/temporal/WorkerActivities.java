package dev.baton.temporal;

import dev.baton.audit.AuditException;
import dev.baton.audit.AuditListener;
import dev.baton.audit.AuditWriter;
import dev.baton.audit.H2AuditStore;
import dev.baton.engine.RunEvent;
import dev.baton.engine.model.AgentModel;
import dev.baton.engine.model.ModelException;
import dev.baton.engine.model.ModelProvider;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.model.ModelRequest;
import dev.baton.flow.Flow;
import dev.baton.flow.ModelRef;
import dev.baton.flow.io.FlowJson;
import dev.baton.flow.io.FlowLoadException;
import dev.baton.secret.Redactor;
import dev.baton.tool.ToolRegistry;
import dev.baton.tool.ToolResult;
import dev.baton.tool.ToolRunner;
import dev.baton.tool.builtin.BuiltInTools;
import dev.baton.tool.builtin.Workspace;
import io.temporal.failure.ApplicationFailure;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A worker's side of the activities: its own model provider (keys from its environment or credentials file, never
 * from the workflow), its own tools, and its audit database. Safe for many activities at once.
 */
public final class WorkerActivities implements BatonActivities {

    private final ModelProvider models;
    private final AuditWriter audit;
    private final Redactor redactor;
    private final Map<ModelRef, AgentModel> cache = new ConcurrentHashMap<>();
    /** Runs this process recorded: a retried recording of one of them is answered without a look at the database. */
    private final Set<String> recorded = ConcurrentHashMap.newKeySet();

    /**
     * @param models   the worker's models
     * @param audit    the worker's audit database writer, or null to record nothing
     * @param redactor cleans tool output as the engine's own tool runner does
     */
    public WorkerActivities(ModelProvider models, AuditWriter audit, Redactor redactor) {
        this.models = models;
        this.audit = audit;
        this.redactor = redactor;
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
        List<String> chunks = Collections.synchronizedList(new ArrayList<>());
        try {
            ModelReply reply = model.chat(new ModelRequest(call.nodeId(), call.chatMessages(), call.tools(),
                    call.json()), chunks::add);
            return new Wire.ModelAnswer(reply, List.copyOf(chunks));
        } catch (ModelException e) {
            String type = ModelActivity.FAILURE_TYPE + e.kind().name();
            String message = redactor.forMessage(String.valueOf(e.getMessage()));
            throw e.retryable() ? ApplicationFailure.newFailure(message, type)
                    : ApplicationFailure.newNonRetryableFailure(message, type);
        }
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
        if (audit == null) {
            return 0;
        }
        String runId = recording.runId();
        synchronized (this) {
            if (recorded.contains(runId) || alreadyStored(runId)) {
                recorded.add(runId);
                return 0;
            }
            Flow flow;
            try {
                flow = FlowJson.read(recording.flowJson()).flow();
            } catch (FlowLoadException e) {
                throw ApplicationFailure.newNonRetryableFailure("the run's flow cannot be read: " + e.getMessage(),
                        "baton.flow");
            }
            AuditListener listener = audit.listenerFor(flow);
            for (String json : recording.events()) {
                RunEvent event = WireEvents.decode(json);
                listener.onEvent(event);
            }
            try {
                if (!listener.awaitCommitted(Duration.ofSeconds(90))) {
                    throw ApplicationFailure.newFailure("the audit database did not commit run " + runId
                            + " in time", "baton.audit");
                }
            } catch (AuditException e) {
                throw ApplicationFailure.newFailure("the audit database failed: " + e.getMessage(), "baton.audit");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ApplicationFailure.newFailure("interrupted while recording run " + runId, "baton.audit");
            }
            recorded.add(runId);
            return recording.events().size();
        }
    }

    /** True when the run is already in the database (recorded by an attempt whose answer was lost). */
    private boolean alreadyStored(String runId) {
        try (H2AuditStore store = H2AuditStore.open(audit.database())) {
            return store.run(runId).filter(r -> r.runId().equals(runId)).isPresent();
        } catch (AuditException e) {
            return false; // nothing readable yet: nothing recorded
        }
    }
}
