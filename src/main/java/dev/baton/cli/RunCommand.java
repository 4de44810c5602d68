package dev.baton.cli;

import dev.baton.audit.AuditException;
import dev.baton.audit.AuditListener;
import dev.baton.audit.AuditPaths;
import dev.baton.engine.FlowRunner;
import dev.baton.engine.HumanInputHandler;
import dev.baton.engine.RunHandle;
import dev.baton.engine.RunRequest;
import dev.baton.engine.RunResult;
import dev.baton.engine.RunnerOptions;
import dev.baton.engine.Saturating;
import dev.baton.engine.model.ModelProvider;
import dev.baton.engine.model.provider.ModelProviders;
import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Flow;
import dev.baton.flow.ModelRef;
import dev.baton.flow.NodeKind;
import dev.baton.flow.Problem;
import dev.baton.flow.io.FlowFiles;
import dev.baton.flow.io.FlowLoadException;
import dev.baton.secret.Redactor;
import dev.baton.secret.SafeText;
import dev.baton.trace.LiveTrace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code baton run FILE}: validates a flow, checks every node's credentials, runs it with live progress on stderr,
 * prints the final answer on stdout and, with {@code --events}, every event as one JSON line. Exit codes: 0 success,
 * 1 invalid flow or input, 2 run failed, 3 cancelled or limit reached, 4 audit database busy (other processes kept
 * it longer than Baton waits), 5 audit database unusable (read-only, damaged, not Baton's). User errors never print a
 * stack trace.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a flow and print its final answer.")
public final class RunCommand implements Callable<Integer> {

    /** Where flows come from; a seam so that tests can run flows built in code. */
    @FunctionalInterface
    public interface FlowSource {
        Flow load(Path file) throws FlowLoadException;
    }

    public static final int OK = 0;
    public static final int INVALID = 1;
    public static final int FAILED = 2;
    public static final int STOPPED = 3;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The flow file (.json).")
    Path file;

    @Option(names = "--input", paramLabel = "TEXT", description = "The run input; asked on stdin when omitted.")
    String input;

    @Option(names = "--provider", paramLabel = "P", description = "Point every agent at this provider: ${COMPLETION-CANDIDATES}.",
            completionCandidates = ProviderNames.class)
    String provider;

    @Option(names = "--model", paramLabel = "NAME", description = "Model name for --provider.")
    String model;

    @Option(names = "--base-url", paramLabel = "URL", description = "Endpoint for --provider (openai-compatible).")
    String baseUrl;

    @Option(names = "--model-timeout", paramLabel = "SECONDS",
            description = "Longest wait for a model's answer, for every agent (overrides model.timeoutSeconds; 60 s "
                    + "when neither is set).")
    Integer modelTimeout;

    @Option(names = "--events", paramLabel = "OUT.jsonl", description = "Write every event as one JSON line.")
    Path events;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of the simulated model.")
    long seed;

    @Option(names = "--no-input", description = "Never ask on stdin; a question to a person fails the run.")
    boolean noInput;

    long simLatencyMs;

    Path audit;

    @Option(names = "--sim-latency", paramLabel = "MS", defaultValue = "0",
            description = "Latency per simulated model call, in milliseconds (0 or more).")
    void simLatency(long ms) {
        if (ms < 0) {
            throw new ParameterException(spec.commandLine(),
                    "--sim-latency must be 0 or more milliseconds, not " + ms);
        }
        simLatencyMs = ms;
    }

    @Option(names = "--audit", paramLabel = "PATH",
            description = "Audit database (H2 path; .mv.db is added). Default: <baton home>/audit.")
    void audit(String path) {
        // an empty path resolved to the working directory's parent, named after it: never what was meant
        if (path.isBlank()) {
            throw new ParameterException(spec.commandLine(),
                    "--audit needs a path (e.g. --audit runs/audit); to record nothing use --no-audit");
        }
        audit = Path.of(path);
    }

    @Option(names = "--no-audit", description = "Do not record the run in the audit database.")
    boolean noAudit;

    @Option(names = "--otlp", paramLabel = "URL", description = "Send the run's spans live to this OTLP/HTTP "
            + "collector (e.g. http://localhost:4318/v1/traces); one that is down never slows or fails the run.")
    String otlp;

    private final FlowSource source;
    private final BufferedReader humanIn;
    private final ModelProvider realProvider;
    private final Redactor redactor;

    /** The production command with a redactor of its own (see {@link #RunCommand(Redactor)}). */
    public RunCommand() {
        this(BatonCommand.programRedactor());
    }

    /**
     * The production command: files through FlowFiles, answers from stdin, real providers from ModelProviders;
     * {@code redactor} (the program's one instance) cleans the events file, stdout, stderr and the audit record.
     */
    public RunCommand(Redactor redactor) {
        this(f -> FlowFiles.load(f).flow(),
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                ModelProviders.real(redactor), redactor);
    }

    public RunCommand(FlowSource source, BufferedReader humanIn, ModelProvider realProvider) {
        this(source, humanIn, realProvider, Redactor.shapesOnly());
    }

    public RunCommand(FlowSource source, BufferedReader humanIn, ModelProvider realProvider, Redactor redactor) {
        this.source = source;
        this.humanIn = humanIn;
        this.realProvider = realProvider;
        this.redactor = redactor;
    }

    private PrintWriter out() {
        return RedactingPrintWriter.wrap(spec.commandLine().getOut(), redactor);
    }

    private PrintWriter err() {
        return RedactingPrintWriter.wrap(spec.commandLine().getErr(), redactor);
    }

    @Override
    public Integer call() {
        PrintWriter err = err();
        Flow flow;
        try {
            flow = source.load(file);
        } catch (FlowLoadException e) {
            err.println("error: " + SafeText.escapeControls(file + ": " + e.getMessage()));
            return INVALID;
        } catch (UnsupportedOperationException e) {
            err.println("error: loading flow files is not available in this build yet");
            return INVALID;
        }
        return run(flow);
    }

    /** Runs an already loaded flow with this command's options. */
    int run(Flow loaded) {
        PrintWriter out = out();
        PrintWriter err = err();
        Flow flow;
        try {
            flow = applyModelTimeout(applyOverride(loaded));
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return INVALID;
        }
        if (!problemsOk(flow, err)) {
            return INVALID;
        }
        SimulatedModel.Settings sim = SimulatedModel.Settings.DEFAULT.withSeed(seed)
                .withLatency(Duration.ofMillis(Math.max(0, simLatencyMs)), 0);
        ModelProvider models = ModelProviders.routing(sim, () -> realProvider);
        List<String> missing = missingCredentials(flow, models);
        if (!missing.isEmpty()) {
            missing.forEach(m -> err.println("error: " + SafeText.escapeControls(m)));
            return INVALID;
        }
        String runInput = input != null ? input : askInput(flow, err);
        if (runInput == null) {
            return INVALID;
        }
        return execute(flow, models, runInput, out, err);
    }

    private int execute(Flow flow, ModelProvider models, String runInput, PrintWriter out, PrintWriter err) {
        List<dev.baton.engine.RunListener> listeners = new ArrayList<>();
        listeners.add(new RunProgress(err, redactor));
        LiveTrace trace;
        try {
            trace = otlp == null ? null : LiveTrace.open(otlp, BatonVersion.version(), redactor);
        } catch (IllegalArgumentException e) {
            err.println("error: --otlp: " + SafeText.escapeControls(e.getMessage()));
            return INVALID;
        }
        if (trace != null) {
            listeners.add(trace);
        }
        try {
            return executeTraced(flow, models, runInput, listeners, out, err);
        } finally {
            if (trace != null) {
                // bounded: a collector that does not answer costs the command at most this long after the run
                err.println(trace.close(Duration.ofSeconds(3)).line());
            }
        }
    }

    private int executeTraced(Flow flow, ModelProvider models, String runInput,
                              List<dev.baton.engine.RunListener> listeners, PrintWriter out, PrintWriter err) {
        // the audit database first: a database that is busy, read-only or damaged stops the run before any output
        // file is opened (an existing --events file must not be truncated by a run that never starts)
        AuditListener auditListener = null;
        if (!noAudit) {
            Path db = audit != null ? audit : AuditPaths.defaultDatabase();
            try {
                auditListener = AuditListener.open(db, flow, notice -> err.println("note: " + notice), redactor);
            } catch (AuditException e) {
                err.println("error: cannot open the audit database " + db + ": " + e.getMessage()
                        + (e.kind() == AuditException.Kind.OTHER
                        ? " (choose another with --audit PATH, or run with --no-audit)" : ""));
                return BatonCommand.auditExitCode(e);
            }
        }
        if (auditListener != null) {
            listeners.add(auditListener);
        }
        // opened only now that the run really starts: a refused run leaves an existing events file as it was
        EventsFile eventsOut = null;
        if (events != null) {
            try {
                eventsOut = EventsFile.open(events, redactor);
            } catch (IOException e) {
                err.println("error: cannot write events to " + events + ": " + SafeText.reason(e));
                closeAudit(auditListener, err);
                return INVALID;
            }
            listeners.add(eventsOut);
        }
        try {
            int code = executeAudited(flow, models, runInput, listeners, auditListener, eventsOut, out, err);
            return eventsFailed(eventsOut, err) && code == OK ? FAILED : code;
        } finally {
            closeAudit(auditListener, err);
        }
    }

    private static void closeAudit(AuditListener auditListener, PrintWriter err) {
        if (auditListener != null) {
            try {
                auditListener.close();
            } catch (AuditException e) {
                err.println("warning: closing the audit database: " + e.getMessage());
            }
        }
    }

    private int executeAudited(Flow flow, ModelProvider models, String runInput,
                               List<dev.baton.engine.RunListener> listeners, AuditListener auditListener,
                               EventsFile eventsOut, PrintWriter out, PrintWriter err) {
        RunRequest request = noInput ? RunRequest.of(runInput).withoutHumanInput()
                : RunRequest.of(runInput).withHumanInput(stdinAnswers(err));
        RunHandle handle = FlowRunner.create(models, RunnerOptions.DEFAULT)
                .start(flow, request, listeners.toArray(new dev.baton.engine.RunListener[0]));
        Thread hook = new Thread(handle::cancel, "baton-run-cancel"); // Ctrl-C cancels the run cleanly
        boolean hooked = addHook(hook);
        RunResult result;
        try {
            long wait = Saturating.millis(flow.limits().runDeadline(), Duration.ofSeconds(30));
            result = handle.result().get(wait, TimeUnit.MILLISECONDS);
            handle.awaitEventsDelivered(Duration.ofSeconds(30));
            // a run is reported finished only once all its events are committed to the audit database
            if (auditListener != null) {
                if (auditListener.awaitCommitted(Duration.ofSeconds(30))) {
                    err.println("audit: recorded as " + handle.runId() + " (baton audit show " + handle.runId()
                            + (audit != null ? " --db " + audit : "") + ")");
                } else {
                    err.println("warning: the audit database did not confirm every event of this run within 30 s");
                }
            }
        } catch (AuditException e) {
            err.println("warning: the audit record of this run is incomplete: " + e.getMessage());
            result = handle.result().getNow(null);
            if (result == null) {
                return FAILED;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.cancel();
            err.println("error: interrupted");
            return STOPPED;
        } catch (ExecutionException | TimeoutException e) {
            handle.cancel();
            err.println("error: the run did not end: " + e.getMessage());
            return FAILED;
        } finally {
            if (hooked) {
                removeHook(hook);
            }
            if (eventsOut != null) {
                eventsOut.close();
            }
        }
        handle.listenerFailures().forEach(f -> err.println("warning: " + f));
        return switch (result.status()) {
            case SUCCEEDED -> {
                out.println(result.output());
                out.flush();
                yield OK;
            }
            case FAILED -> {
                err.println("error: run failed" + at(result) + ": " + SafeText.escapeControls(result.cause()));
                yield FAILED;
            }
            case CANCELLED -> {
                err.println("run cancelled: " + SafeText.escapeControls(result.cause()));
                yield STOPPED;
            }
            case LIMIT_REACHED -> {
                err.println("error: limit reached" + at(result) + ": " + SafeText.escapeControls(result.cause()));
                yield STOPPED;
            }
        };
    }

    private static String at(RunResult r) {
        return r.nodeId().isEmpty() ? "" : " at node '" + SafeText.escapeControls(r.nodeId()) + "'";
    }

    /** With --provider, every agent uses that provider (node overrides included). */
    private Flow applyOverride(Flow flow) {
        if (provider == null) {
            if (model != null || baseUrl != null) {
                throw new IllegalArgumentException("--model and --base-url need --provider");
            }
            return flow;
        }
        if (!ModelRef.PROVIDERS.contains(provider)) {
            throw new IllegalArgumentException("unknown provider '" + provider + "'; expected one of "
                    + String.join(", ", ProviderNames.sorted()));
        }
        String name = model != null ? model : provider.equals(ModelRef.SIMULATED) ? "sim-1" : null;
        if (name == null) {
            throw new IllegalArgumentException("--provider " + provider + " needs --model NAME");
        }
        if (provider.equals(ModelRef.OPENAI_COMPATIBLE) && baseUrl == null) {
            throw new IllegalArgumentException("--provider openai-compatible needs --base-url URL");
        }
        // the flow's model.timeoutSeconds still holds for the provider chosen here (--model-timeout overrides it)
        ModelRef ref = new ModelRef(provider, name, baseUrl, null,
                flow.defaultModel() == null ? null : flow.defaultModel().timeoutSeconds());
        List<AgentNode> nodes = flow.nodes().stream().map(n -> n.model() == null ? n : n.withModel(null)).toList();
        return flow.withNodes(nodes).withDefaultModel(ref);
    }

    /** With --model-timeout, every model of the flow (default and node overrides) waits that long. */
    private Flow applyModelTimeout(Flow flow) {
        if (modelTimeout == null) {
            return flow;
        }
        if (modelTimeout < ModelRef.MIN_TIMEOUT_SECONDS || modelTimeout > ModelRef.MAX_TIMEOUT_SECONDS) {
            throw new IllegalArgumentException("--model-timeout " + modelTimeout + " is out of range; use "
                    + ModelRef.MIN_TIMEOUT_SECONDS + " to " + ModelRef.MAX_TIMEOUT_SECONDS + " seconds");
        }
        List<AgentNode> nodes = flow.nodes().stream()
                .map(n -> n.model() == null ? n : n.withModel(n.model().withTimeoutSeconds(modelTimeout))).toList();
        Flow timed = flow.withNodes(nodes);
        return timed.defaultModel() == null ? timed
                : timed.withDefaultModel(timed.defaultModel().withTimeoutSeconds(modelTimeout));
    }

    private static boolean problemsOk(Flow flow, PrintWriter err) {
        boolean ok = true;
        for (Problem p : RunPreflight.validate(flow)) {
            String where = p.elementId().isEmpty() ? "" : p.elementId() + ": ";
            err.println((p.isError() ? "error: " : "warning: ")
                    + SafeText.escapeControls(where + p.message()) + " [" + p.code() + "]");
            ok &= !p.isError();
        }
        return ok;
    }

    private static List<String> missingCredentials(Flow flow, ModelProvider models) {
        Set<String> missing = new LinkedHashSet<>();
        for (AgentNode n : flow.nodes()) {
            if (n.kind().callsModel()) {
                ModelRef ref = n.effectiveModel(flow.defaultModel());
                String m = models.missingCredentials(ref);
                if (m != null) {
                    missing.add(ref.label() + " (node '" + n.id() + "'): " + m);
                }
            }
        }
        return List.copyOf(missing);
    }

    private String askInput(Flow flow, PrintWriter err) {
        if (noInput) {
            err.println("error: no input: pass --input TEXT (--no-input forbids asking on stdin)");
            return null;
        }
        String prompt = flow.nodesOfKind(NodeKind.START).stream().map(AgentNode::instructions)
                .filter(s -> !s.isBlank()).findFirst().orElse("Input for the flow");
        err.println(prompt);
        err.print("> ");
        err.flush();
        String line = readLine();
        if (line == null || line.isBlank()) {
            err.println("error: no input given");
            return null;
        }
        return line;
    }

    private HumanInputHandler stdinAnswers(PrintWriter err) {
        return (requestId, nodeId, question, context) -> {
            synchronized (humanIn) {
                if (!context.isBlank()) {
                    String shown = context.length() > 600 ? context.substring(0, 600) + " …" : context;
                    err.println("--- what [" + nodeId + "] received ---\n" + shown + "\n---");
                }
                err.println("? [" + nodeId + "] " + question);
                err.print("> ");
                err.flush();
                String line = readLine();
                if (line == null) {
                    throw new IOException("end of input while waiting for an answer");
                }
                return line;
            }
        };
    }

    private String readLine() {
        try {
            return humanIn.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    /** True (and said on stderr) when the events file lost an event or could not be finished. */
    private boolean eventsFailed(EventsFile eventsOut, PrintWriter err) {
        if (eventsOut == null || eventsOut.failure() == null) {
            return false;
        }
        err.println("error: the events file " + events + " is incomplete: " + eventsOut.failure());
        return true;
    }

    private static boolean addHook(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException | SecurityException e) {
            return false;
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException | SecurityException e) {
            // shutting down already: nothing to undo
        }
    }

    /** The provider names for completion and messages. */
    static final class ProviderNames implements Iterable<String> {
        static List<String> sorted() {
            return ModelRef.PROVIDERS.stream().sorted().toList();
        }

        @Override
        public java.util.Iterator<String> iterator() {
            return sorted().iterator();
        }
    }
}
