package dev.baton.run;

import dev.baton.audit.AuditException;
import dev.baton.audit.AuditListener;
import dev.baton.engine.FlowRunner;
import dev.baton.engine.RedactedEvents;
import dev.baton.engine.RunHandle;
import dev.baton.engine.RunListener;
import dev.baton.engine.RunRequest;
import dev.baton.engine.RunnerOptions;
import dev.baton.engine.model.ModelProvider;
import dev.baton.engine.model.provider.Credentials;
import dev.baton.engine.model.provider.ModelProviders;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Flow;
import dev.baton.flow.FlowValidator;
import dev.baton.flow.ModelRef;
import dev.baton.flow.Problem;
import dev.baton.secret.Redactor;
import dev.baton.secret.SafeText;
import dev.baton.tool.mcp.McpServerGroup;
import dev.baton.trace.LiveTrace;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one way Baton starts a run, for {@code baton run} and the designer alike: {@link #preflight} says what stops a
 * flow before anything is opened (validation, credentials, the OTLP target), {@link #launch} opens what the run writes
 * to (audit database, events file, live trace), starts the engine and hands back an {@link AuditedRun} that waits for
 * the audit and closes everything. The front ends only ask, show and map problem kinds to their own answers.
 */
public final class RunService {

    private final Redactor redactor;
    private final Supplier<ModelProvider> realProvider;
    private final Function<String, String> variables;

    /** Real providers through LangChain4j (built on first need); {@code redactor} is the program's one instance. */
    public RunService(Redactor redactor) {
        this(redactor, () -> ModelProviders.real(redactor));
    }

    /** As above with another provider for every non-simulated model (tests serve them from loopback servers). */
    public RunService(Redactor redactor, Supplier<ModelProvider> realProvider) {
        this(redactor, realProvider, null);
    }

    private RunService(Redactor redactor, Supplier<ModelProvider> realProvider, Function<String, String> variables) {
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.realProvider = Objects.requireNonNull(realProvider, "realProvider");
        // read on first need, so that a run without MCP servers never reads the credentials file
        this.variables = variables != null ? variables
                : name -> new Credentials(System::getenv, Credentials.batonHome(), redactor).value(name);
    }

    /**
     * The same service looking up MCP servers' variables and header tokens with {@code lookup} (null when not set)
     * instead of the environment and {@code ~/.baton/credentials}; tests give a map.
     */
    public RunService withVariables(Function<String, String> lookup) {
        return new RunService(redactor, realProvider, Objects.requireNonNull(lookup, "lookup"));
    }

    /** The program's redactor, which cleans every sink the service opens. */
    public Redactor redactor() {
        return redactor;
    }

    /**
     * What stands in the way of running {@code flow} with {@code options}, in order: validator errors and warnings
     * (when there is an error, nothing else is checked), then models lacking credentials, then an OTLP target that is
     * not a URL, then MCP servers that cannot start (a variable not set, a program not on the PATH; found without
     * starting them: {@link #launch} starts them and refuses the run when one fails). Empty when the run may start.
     * Nothing is opened or written.
     */
    public List<RunProblem> preflight(Flow flow, RunOptions options) {
        Flow prepared;
        try {
            prepared = prepare(flow, options);
        } catch (IllegalArgumentException e) {
            return List.of(new RunProblem(RunProblem.Kind.INVALID_OPTION, SafeText.escapeControls(e.getMessage())));
        }
        List<RunProblem> problems = new ArrayList<>(validation(prepared));
        if (problems.stream().anyMatch(RunProblem::stopsRun)) {
            return List.copyOf(problems);
        }
        problems.addAll(credentials(prepared, models(options)));
        if (options.otlpTarget() != null) {
            try {
                LiveTrace.endpoint(options.otlpTarget());
            } catch (IllegalArgumentException e) {
                problems.add(new RunProblem(RunProblem.Kind.TRACE_TARGET, SafeText.escapeControls(e.getMessage())));
            }
        }
        problems.addAll(RunServers.preflight(prepared, options, variables, redactor));
        return List.copyOf(problems);
    }

    /**
     * The MCP servers {@code flow}'s nodes use whose program is not found on this machine (a stdio command not on
     * the PATH), by server name, one line each; found without starting anything, for {@code baton validate}.
     * {@code flowFile} is where the flow lives (its folder is where servers start), or null.
     */
    public static java.util.Map<String, String> mcpProgramsMissing(Flow flow, Path flowFile) {
        return RunServers.programsMissing(flow, flowFile);
    }

    /** Validator problems as run problems: {@code "node: message [code]"}. */
    static List<RunProblem> validation(Flow flow) {
        List<RunProblem> problems = new ArrayList<>();
        for (Problem p : FlowValidator.validate(flow)) {
            String where = p.elementId().isEmpty() ? "" : p.elementId() + ": ";
            problems.add(new RunProblem(p.isError() ? RunProblem.Kind.INVALID_FLOW : RunProblem.Kind.FLOW_WARNING,
                    SafeText.escapeControls(where + p.message()) + " [" + p.code() + "]"));
        }
        return problems;
    }

    /**
     * One problem per model-calling node whose model cannot be called, in flow order:
     * {@code "model 'openai/gpt-4o' (node 'writer') needs an API key: set OPENAI_API_KEY …"}.
     * The node is named so that a flow mixing models says which one to fix.
     */
    static List<RunProblem> credentials(Flow flow, ModelProvider models) {
        Set<String> missing = new LinkedHashSet<>();
        for (AgentNode n : flow.nodes()) {
            if (n.callsModel()) {
                ModelRef ref = n.effectiveModel(flow.defaultModel());
                String m = models.missingCredentials(ref);
                if (m != null) {
                    // the provider's message names the model already: the node goes beside it, not a second label
                    String own = "model '" + ref.label() + "' ";
                    missing.add(SafeText.escapeControls(m.startsWith(own)
                            ? own + "(node '" + n.id() + "') " + m.substring(own.length())
                            : ref.label() + " (node '" + n.id() + "'): " + m));
                }
            }
        }
        return missing.stream().map(m -> new RunProblem(RunProblem.Kind.CREDENTIALS, m)).toList();
    }

    /**
     * The flow as it will run: with a provider override every node runs on that model (its timeout, when it has none,
     * is the flow default's), and with a model timeout every model waits that long.
     *
     * @throws IllegalArgumentException when the model timeout is out of range
     */
    public static Flow prepare(Flow flow, RunOptions options) {
        return withModelTimeout(withOverride(flow, options.providerOverride()), options.modelTimeoutSeconds());
    }

    private static Flow withOverride(Flow flow, ModelRef override) {
        if (override == null) {
            return flow;
        }
        ModelRef ref = override.timeoutSeconds() != null || flow.defaultModel() == null ? override
                : override.withTimeoutSeconds(flow.defaultModel().timeoutSeconds());
        List<AgentNode> nodes = flow.nodes().stream().map(n -> n.model() == null ? n : n.withModel(null)).toList();
        return flow.withNodes(nodes).withDefaultModel(ref);
    }

    private static Flow withModelTimeout(Flow flow, Integer seconds) {
        if (seconds == null) {
            return flow;
        }
        if (seconds < ModelRef.MIN_TIMEOUT_SECONDS || seconds > ModelRef.MAX_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException("model timeout " + seconds + " s is out of range; use "
                    + ModelRef.MIN_TIMEOUT_SECONDS + " to " + ModelRef.MAX_TIMEOUT_SECONDS + " seconds");
        }
        List<AgentNode> nodes = flow.nodes().stream()
                .map(n -> n.model() == null ? n : n.withModel(n.model().withTimeoutSeconds(seconds))).toList();
        Flow timed = flow.withNodes(nodes);
        return timed.defaultModel() == null ? timed
                : timed.withDefaultModel(timed.defaultModel().withTimeoutSeconds(seconds));
    }

    /**
     * Simulated references on the simulated model with the options' settings, every other one on the real provider
     * (built on first need, so a simulated run never reads credentials): never a silent fallback.
     */
    public ModelProvider models(RunOptions options) {
        return ModelProviders.routing(options.simulated(), realProvider);
    }

    /** An engine on {@link #models} with the options' token-chunk window. */
    public FlowRunner runner(RunOptions options) {
        return FlowRunner.create(models(options),
                RunnerOptions.DEFAULT.withTokenChunkWindow(options.tokenChunkWindow()));
    }

    /** As {@link #launch(FlowRunner, Flow, String, RunOptions, List)} on {@link #runner}. */
    public AuditedRun launch(Flow flow, String input, RunOptions options, List<RunListener> listeners)
            throws LaunchRefused {
        return launch(runner(options), flow, input, options, listeners);
    }

    /**
     * Starts {@code flow} (as {@link #prepare} makes it) on {@code runner}. First opens the live trace, then the audit
     * database (it may take turns with other processes, or upgrade an old file: call this off a UI thread), then the
     * events file: a run refused on the way leaves an existing events file as it was and closes what it opened.
     * {@code listeners} get every event first, in order, then the trace, the audit and the events file. Run
     * {@link #preflight} first: this does not validate. Before all that, the MCP servers the flow's nodes use are
     * started (in parallel, each within its start timeout; this blocks meanwhile) and their tools offered to the run;
     * they are stopped when the run ends, fails or is cancelled.
     *
     * @throws LaunchRefused with an MCP_SERVER, AUDIT_*, EVENTS_FILE, TRACE_TARGET or INVALID_OPTION problem
     */
    public AuditedRun launch(FlowRunner runner, Flow flow, String input, RunOptions options,
                             List<RunListener> listeners) throws LaunchRefused {
        Flow prepared;
        try {
            prepared = prepare(flow, options);
        } catch (IllegalArgumentException e) {
            throw new LaunchRefused(new RunProblem(RunProblem.Kind.INVALID_OPTION,
                    SafeText.escapeControls(e.getMessage())), e);
        }
        McpServerGroup servers = RunServers.start(prepared, options, variables, redactor);
        List<RunListener> all = new ArrayList<>(listeners);
        LiveTrace trace;
        try {
            trace = openTrace(options);
        } catch (LaunchRefused | RuntimeException e) {
            servers.close();
            throw e;
        }
        if (trace != null) {
            all.add(RedactedEvents.redacting(trace, redactor));
        }
        AuditListener audit = null;
        EventsFile events = null;
        try {
            audit = openAudit(prepared, options);
            if (audit != null) {
                all.add(audit);
            }
            // opened only now that the run really starts: a refused run leaves an existing events file as it was
            events = openEvents(options);
            if (events != null) {
                all.add(events);
            }
            RunRequest request = new RunRequest(input, options.humanInput(), options.humanInputAllowed(),
                    options.gate(), options.toolWorkspace(prepared.tools().workspace()))
                    .withRedactor(redactor)
                    .withServerTools(servers.connections().values().stream().flatMap(c -> c.tools().stream())
                            .toList());
            RunHandle handle = runner.start(prepared, request, all.toArray(RunListener[]::new));
            // whatever ends the run (its end, a failure, a cancel) stops its servers; the engine's tool calls are
            // over by then
            handle.result().whenComplete((result, failure) -> servers.closeInBackground());
            return new AuditedRun(handle, audit, options.auditPath(), events, options.eventsFile(), trace);
        } catch (LaunchRefused | RuntimeException e) {
            servers.close();
            new AuditedRun(null, audit, options.auditPath(), events, options.eventsFile(), trace)
                    .close(Duration.ZERO); // no run, no spans: only the sender thread to stop
            throw e;
        }
    }

    private LiveTrace openTrace(RunOptions options) throws LaunchRefused {
        if (options.otlpTarget() == null) {
            return null;
        }
        try {
            return LiveTrace.open(options.otlpTarget(), options.batonVersion(), redactor);
        } catch (IllegalArgumentException e) {
            throw new LaunchRefused(new RunProblem(RunProblem.Kind.TRACE_TARGET,
                    SafeText.escapeControls(e.getMessage())), e);
        }
    }

    private AuditListener openAudit(Flow flow, RunOptions options) throws LaunchRefused {
        Path db = options.auditPath();
        if (db == null) {
            return null;
        }
        try {
            return AuditListener.open(db, flow, options.notices(), redactor);
        } catch (AuditException e) {
            RunProblem.Kind kind = switch (e.kind()) {
                case LOCKED -> RunProblem.Kind.AUDIT_BUSY;
                case READ_ONLY, UNUSABLE -> RunProblem.Kind.AUDIT_UNUSABLE;
                case OTHER -> RunProblem.Kind.AUDIT_FAILED;
            };
            throw new LaunchRefused(new RunProblem(kind,
                    "cannot open the audit database " + db + ": " + e.getMessage()), e);
        }
    }

    private EventsFile openEvents(RunOptions options) throws LaunchRefused {
        Path file = options.eventsFile();
        if (file == null) {
            return null;
        }
        try {
            return EventsFile.open(file, redactor);
        } catch (IOException e) {
            throw new LaunchRefused(new RunProblem(RunProblem.Kind.EVENTS_FILE,
                    "cannot write events to " + file + ": " + SafeText.reason(e)), e);
        }
    }
}
