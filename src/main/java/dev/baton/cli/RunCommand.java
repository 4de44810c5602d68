package dev.baton.cli;

import dev.baton.engine.model.ModelProvider;
import dev.baton.engine.model.provider.ModelProviders;
import dev.baton.flow.Flow;
import dev.baton.flow.ModelRef;
import dev.baton.flow.io.FlowFiles;
import dev.baton.flow.io.FlowLoadException;
import dev.baton.run.AuditedRun;
import dev.baton.run.LaunchRefused;
import dev.baton.run.RunOptions;
import dev.baton.run.RunProblem;
import dev.baton.run.RunService;
import dev.baton.secret.Redactor;
import dev.baton.secret.SafeText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

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

    @Option(names = "--no-input", description = "Never ask on stdin; a question to a person fails the run, a tool "
            + "call that needs approval is denied (unless --approve-tools auto).")
    boolean noInput;

    @Option(names = "--approve-tools", paramLabel = "MODE", defaultValue = "ask",
            converter = ApproveToolsConverter.class,
            description = "Tool calls whose policy is ask: ask on stdin (ask, the default), run them (auto) or deny "
                    + "them (deny). A flow's deny stays deny.")
    CliToolApprovals.Mode approveTools = CliToolApprovals.Mode.ASK;

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

    @Option(names = "--workspace", paramLabel = "DIR", description = "The folder the file tools (read_file, "
            + "write_file …) work in, over the flow's tools.workspace (which is relative to the flow file).")
    Path workspace;

    @Option(names = "--otlp", paramLabel = "URL", description = "Send the run's spans live to this OTLP/HTTP "
            + "collector (e.g. http://localhost:4318/v1/traces); one that is down never slows or fails the run.")
    String otlp;

    @Option(names = "--engine", paramLabel = "E", defaultValue = "local",
            description = "Where the run happens: local (default) or temporal (needs --temporal and baton-temporal.jar).")
    String engine;

    @Option(names = "--temporal", paramLabel = "HOST:PORT", description = "The Temporal frontend for --engine temporal.")
    String temporalTarget;

    @Option(names = "--task-queue", paramLabel = "Q", defaultValue = "baton",
            description = "The task queue of the workers for --engine temporal (default: ${DEFAULT-VALUE}).")
    String taskQueue;

    private final FlowSource source;
    private final BufferedReader humanIn;
    private final Redactor redactor;
    private final RunService service;

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
        this.redactor = redactor;
        this.service = new RunService(redactor, () -> realProvider);
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
    int run(Flow flow) {
        PrintWriter out = out();
        PrintWriter err = err();
        RunOptions options;
        try {
            options = options();
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return INVALID;
        }
        boolean stop = false;
        boolean temporal = "temporal".equals(engine);
        if (!temporal && !"local".equals(engine)) {
            err.println("error: --engine " + engine + " is not an engine; use local or temporal");
            return INVALID;
        }
        for (RunProblem p : service.preflight(flow, options)) {
            if (temporal && p.kind() == RunProblem.Kind.CREDENTIALS) {
                continue; // keys stay on the workers
            }
            err.println((p.stopsRun() ? "error: " : "warning: ") + text(p));
            stop |= p.stopsRun();
        }
        if (stop) {
            return INVALID;
        }
        String runInput = input != null ? input : askInput(flow, err);
        if (runInput == null) {
            return INVALID;
        }
        return execute(flow, options, runInput, out, err);
    }

    /** The service's options from this command's: parsing and the checks that name the command's flags. */
    private RunOptions options() {
        ModelRef override = override();
        if (modelTimeout != null
                && (modelTimeout < ModelRef.MIN_TIMEOUT_SECONDS || modelTimeout > ModelRef.MAX_TIMEOUT_SECONDS)) {
            throw new IllegalArgumentException("--model-timeout " + modelTimeout + " is out of range; use "
                    + ModelRef.MIN_TIMEOUT_SECONDS + " to " + ModelRef.MAX_TIMEOUT_SECONDS + " seconds");
        }
        if (workspace != null && !java.nio.file.Files.isDirectory(workspace)) {
            throw new IllegalArgumentException("--workspace " + workspace + " is not a folder");
        }
        RunOptions options = RunOptions.DEFAULT.withProviderOverride(override).withModelTimeout(modelTimeout)
                .withSeed(seed).withSimLatency(Duration.ofMillis(Math.max(0, simLatencyMs)), 0)
                .withEventsFile(events).withOtlp(otlp, BatonVersion.version())
                .withWorkspace(workspace).withFlowFile(file);
        return noAudit ? options.withoutAudit() : options.withAudit(audit);
    }

    /** With --provider, the model every agent uses (node overrides included); null without. */
    private ModelRef override() {
        if (provider == null) {
            if (model != null || baseUrl != null) {
                throw new IllegalArgumentException("--model and --base-url need --provider");
            }
            return null;
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
        // no timeout here: the flow's model.timeoutSeconds still holds for it (--model-timeout overrides it)
        return new ModelRef(provider, name, baseUrl, null);
    }

    /** A problem's line after "error: ", with the flag or advice that belongs to this command. */
    private static String text(RunProblem p) {
        return switch (p.kind()) {
            case TRACE_TARGET -> "--otlp: " + p.message();
            case AUDIT_FAILED -> p.message() + " (choose another with --audit PATH, or run with --no-audit)";
            default -> p.message();
        };
    }

    /** The exit code for a problem that stopped the run: 4 busy and 5 unusable audit database, else 1. */
    static int exitCode(RunProblem p) {
        return switch (p.kind()) {
            case AUDIT_BUSY -> BatonCommand.AUDIT_LOCKED;
            case AUDIT_UNUSABLE -> BatonCommand.AUDIT_UNUSABLE;
            default -> INVALID;
        };
    }

    private int execute(Flow flow, RunOptions options, String runInput, PrintWriter out, PrintWriter err) {
        if ("temporal".equals(engine)) {
            return TemporalRun.execute(temporalTarget, taskQueue, RunService.prepare(flow, options), runInput,
                    noInput, approveTools, humanIn, out, err, new RunProgress(err, redactor));
        }
        RunOptions withPeople = (noInput ? options.withoutHumanInput()
                : options.withHumanInput(new StdinQuestions(humanIn, err)))
                .withGate(new CliToolApprovals(approveTools, noInput ? null : humanIn, err))
                .withNotices(notice -> err.println("note: " + notice));
        AuditedRun run;
        try {
            run = service.launch(flow, runInput, withPeople, List.of(new RunProgress(err, redactor)));
        } catch (LaunchRefused e) {
            err.println("error: " + text(e.problem()));
            return exitCode(e.problem());
        }
        int code;
        try {
            code = RunOutcome.await(flow, run, audit, out, err);
        } catch (RuntimeException e) {
            run.close(Duration.ZERO);
            throw e;
        }
        // bounded: a collector that does not answer costs the command at most this long after the run
        AuditedRun.Closed closed = run.close(Duration.ofSeconds(3));
        if (closed.eventsFailure() != null) {
            err.println("error: " + closed.eventsFailure());
            code = code == OK ? FAILED : code;
        }
        if (closed.auditFailure() != null) {
            err.println("warning: " + closed.auditFailure());
        }
        if (closed.trace() != null) {
            err.println(closed.trace().line());
        }
        return code;
    }

    private String askInput(Flow flow, PrintWriter err) {
        if (noInput) {
            err.println("error: no input: pass --input TEXT (--no-input forbids asking on stdin)");
            return null;
        }
        return new StdinQuestions(humanIn, err).askInput(flow);
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

    /** {@code --approve-tools} words, any case; anything else is a usage error naming the choices. */
    static final class ApproveToolsConverter implements CommandLine.ITypeConverter<CliToolApprovals.Mode> {
        @Override
        public CliToolApprovals.Mode convert(String value) {
            for (CliToolApprovals.Mode m : CliToolApprovals.Mode.values()) {
                if (m.name().equalsIgnoreCase(value.strip())) {
                    return m;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not one of ask, auto, deny");
        }
    }
}
