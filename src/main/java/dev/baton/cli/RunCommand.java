package dev.baton.cli;

import dev.baton.audit.AuditException;
import dev.baton.audit.AuditListener;
import dev.baton.audit.AuditPaths;
import dev.baton.engine.FlowRunner;
import dev.baton.engine.HumanInputHandler;
import dev.baton.engine.RunEvent;
import dev.baton.engine.RunHandle;
import dev.baton.engine.RunRequest;
import dev.baton.engine.RunResult;
import dev.baton.engine.RunnerOptions;
import dev.baton.engine.model.ModelProvider;
import dev.baton.engine.model.SimulatedModel;
import dev.baton.engine.model.provider.ModelProviders;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Flow;
import dev.baton.flow.ModelRef;
import dev.baton.flow.NodeKind;
import dev.baton.flow.Problem;
import dev.baton.flow.io.FlowFiles;
import dev.baton.flow.io.FlowLoadException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    @Option(names = "--events", paramLabel = "OUT.jsonl", description = "Write every event as one JSON line.")
    Path events;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of the simulated model.")
    long seed;

    @Option(names = "--no-input", description = "Never ask on stdin; a question to a person fails the run.")
    boolean noInput;

    @Option(names = "--sim-latency", paramLabel = "MS", defaultValue = "0",
            description = "Latency per simulated model call, in milliseconds.")
    long simLatencyMs;

    @Option(names = "--audit", paramLabel = "PATH",
            description = "Audit database (H2 path; .mv.db is added). Default: <baton home>/audit.")
    Path audit;

    @Option(names = "--no-audit", description = "Do not record the run in the audit database.")
    boolean noAudit;

    private final FlowSource source;
    private final BufferedReader humanIn;
    private final ModelProvider realProvider;

    /** The production command: files through FlowFiles, answers from stdin, real providers from ModelProviders. */
    public RunCommand() {
        this(f -> FlowFiles.load(f).flow(),
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), ModelProviders.real());
    }

    public RunCommand(FlowSource source, BufferedReader humanIn, ModelProvider realProvider) {
        this.source = source;
        this.humanIn = humanIn;
        this.realProvider = realProvider;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Flow flow;
        try {
            flow = source.load(file);
        } catch (FlowLoadException e) {
            err.println("error: " + file + ": " + e.getMessage());
            return INVALID;
        } catch (UnsupportedOperationException e) {
            err.println("error: loading flow files is not available in this build yet");
            return INVALID;
        }
        return run(flow);
    }

    /** Runs an already loaded flow with this command's options. */
    int run(Flow loaded) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Flow flow;
        try {
            flow = applyOverride(loaded);
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
            missing.forEach(m -> err.println("error: " + m));
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
        listeners.add(new RunProgress(err));
        // the audit database first: a database that is busy, read-only or damaged stops the run before any output
        // file is opened (an existing --events file must not be truncated by a run that never starts)
        AuditListener auditListener = null;
        if (!noAudit) {
            Path db = audit != null ? audit : AuditPaths.defaultDatabase();
            try {
                auditListener = AuditListener.open(db, flow, notice -> err.println("note: " + notice));
            } catch (AuditException e) {
                err.println("error: cannot open the audit database " + db + ": " + e.getMessage()
                        + (e.kind() == AuditException.Kind.OTHER
                        ? " (choose another with --audit PATH, or run with --no-audit)" : ""));
                return BatonCommand.auditExitCode(e);
            }
        }
        BufferedWriter eventsOut = null;
        if (events != null) {
            try {
                eventsOut = Files.newBufferedWriter(events, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("error: cannot write events to " + events + ": " + e.getMessage());
                closeAudit(auditListener, err);
                return INVALID;
            }
            BufferedWriter w = eventsOut;
            listeners.add(e -> writeLine(w, e));
        }
        if (auditListener != null) {
            listeners.add(auditListener);
        }
        try {
            return executeAudited(flow, models, runInput, listeners, auditListener, eventsOut, out, err);
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
                               BufferedWriter eventsOut, PrintWriter out, PrintWriter err) {
        RunRequest request = noInput ? RunRequest.of(runInput).withoutHumanInput()
                : RunRequest.of(runInput).withHumanInput(stdinAnswers(err));
        RunHandle handle = FlowRunner.create(models, RunnerOptions.DEFAULT)
                .start(flow, request, listeners.toArray(new dev.baton.engine.RunListener[0]));
        Thread hook = new Thread(handle::cancel, "baton-run-cancel"); // Ctrl-C cancels the run cleanly
        boolean hooked = addHook(hook);
        RunResult result;
        try {
            Duration wait = flow.limits().runDeadline().plusSeconds(30);
            result = handle.result().get(wait.toMillis(), TimeUnit.MILLISECONDS);
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
            }        } catch (InterruptedException e) {
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
            closeQuietly(eventsOut, err);
        }
        handle.listenerFailures().forEach(f -> err.println("warning: " + f));
        return switch (result.status()) {
            case SUCCEEDED -> {
                out.println(result.output());
                out.flush();
                yield OK;
            }
            case FAILED -> {
                err.println("error: run failed" + at(result) + ": " + result.cause());
                yield FAILED;
            }
            case CANCELLED -> {
                err.println("run cancelled: " + result.cause());
                yield STOPPED;
            }
            case LIMIT_REACHED -> {
                err.println("error: limit reached" + at(result) + ": " + result.cause());
                yield STOPPED;
            }
        };
    }

    private static String at(RunResult r) {
        return r.nodeId().isEmpty() ? "" : " at node '" + r.nodeId() + "'";
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
        ModelRef ref = new ModelRef(provider, name, baseUrl, null);
        List<AgentNode> nodes = flow.nodes().stream().map(n -> n.model() == null ? n : n.withModel(null)).toList();
        return flow.withNodes(nodes).withDefaultModel(ref);
    }

    private static boolean problemsOk(Flow flow, PrintWriter err) {
        boolean ok = true;
        for (Problem p : RunPreflight.validate(flow)) {
            String where = p.elementId().isEmpty() ? "" : p.elementId() + ": ";
            err.println((p.isError() ? "error: " : "warning: ") + where + p.message() + " [" + p.code() + "]");
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

    private static void writeLine(BufferedWriter w, RunEvent e) {
        try {
            w.write(RunEventJson.line(e));
            w.newLine();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void closeQuietly(BufferedWriter w, PrintWriter err) {
        if (w != null) {
            try {
                w.close();
            } catch (IOException e) {
                err.println("warning: could not finish the events file: " + e.getMessage());
            }
        }
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
