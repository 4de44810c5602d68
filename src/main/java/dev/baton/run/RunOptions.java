package dev.baton.run;

import dev.baton.audit.AuditPaths;
import dev.baton.engine.HumanInputHandler;
import dev.baton.engine.RunGate;
import dev.baton.engine.RunnerOptions;
import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.flow.ModelRef;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to run a flow, as both front ends set it: {@link #DEFAULT} and the {@code with…} methods.
 *
 * @param providerOverride    every model-calling node runs on this model (the CLI's {@code --provider}); null keeps
 *                            the flow's models. Without a timeout of its own it keeps the flow default's.
 * @param modelTimeoutSeconds every model of the flow waits this long for an answer; null keeps the flow's
 * @param simulated           the simulated model's seed, latency and streaming speed
 * @param audited             false records nothing (the CLI's {@code --no-audit})
 * @param auditDatabase       the H2 path of the audit database; null for {@code <baton home>/audit}
 * @param eventsFile          every event as one JSON line there (owner-only); null for none
 * @param otlpTarget          an OTLP/HTTP collector the run's spans go to live; null for none
 * @param batonVersion        the {@code service.version} the spans carry
 * @param tokenChunkWindow    how long one model call's streamed chunks are joined into one event
 * @param humanInput          answers questions to a person; null to wait for {@code RunHandle.answer}
 * @param humanInputAllowed   false makes any question to a person fail the run (the CLI's {@code --no-input})
 * @param gate                breakpoints in front of node starts and handoffs; null for none
 * @param notices             hears what the user should know while the run is prepared (an audit upgrade)
 * @param workspace           the file tools' folder (the CLI's {@code --workspace DIR}); null: the flow's
 *                            {@code tools.workspace} resolved against the flow file's folder, see {@link #flowFile}
 * @param flowFile            the flow file the run comes from, whose folder a relative workspace is resolved
 *                            against; null for a flow that has no file (then only an absolute workspace counts)
 */
public record RunOptions(ModelRef providerOverride, Integer modelTimeoutSeconds, SimulatedModel.Settings simulated,
                         boolean audited, Path auditDatabase, Path eventsFile, String otlpTarget, String batonVersion,
                         Duration tokenChunkWindow, HumanInputHandler humanInput, boolean humanInputAllowed,
                         RunGate gate, Consumer<String> notices, Path workspace, Path flowFile) {

    /** The flow's own models, the default simulated model, audited at the default place, nothing else. */
    public static final RunOptions DEFAULT = new RunOptions(null, null, SimulatedModel.Settings.DEFAULT, true, null,
            null, null, "unknown", RunnerOptions.DEFAULT_TOKEN_CHUNK_WINDOW, null, true, null, notice -> { }, null, null);

    public RunOptions {
        Objects.requireNonNull(simulated, "simulated");
        Objects.requireNonNull(tokenChunkWindow, "tokenChunkWindow");
        Objects.requireNonNull(notices, "notices");
        batonVersion = batonVersion == null ? "unknown" : batonVersion;
    }

    /** The audit database this run writes to, or null when it is not audited. */
    public Path auditPath() {
        return !audited ? null : auditDatabase != null ? auditDatabase : AuditPaths.defaultDatabase();
    }

    public RunOptions withProviderOverride(ModelRef ref) {
        return new RunOptions(ref, modelTimeoutSeconds, simulated, audited, auditDatabase, eventsFile, otlpTarget,
                batonVersion, tokenChunkWindow, humanInput, humanInputAllowed, gate, notices, workspace, flowFile);
    }

    public RunOptions withModelTimeout(Integer seconds) {
        return new RunOptions(providerOverride, seconds, simulated, audited, auditDatabase, eventsFile, otlpTarget,
                batonVersion, tokenChunkWindow, humanInput, humanInputAllowed, gate, notices, workspace, flowFile);
    }

    public RunOptions withSimulated(SimulatedModel.Settings settings) {
        return new RunOptions(providerOverride, modelTimeoutSeconds, settings, audited, auditDatabase, eventsFile,
                otlpTarget, batonVersion, tokenChunkWindow, humanInput, humanInputAllowed, gate, notices, workspace, flowFile);
    }

    /** The simulated model with this seed (runs stay reproducible). */
    public RunOptions withSeed(long seed) {
        return withSimulated(simulated.withSeed(seed));
    }

    /** The simulated model taking {@code latency} per call and streaming {@code tokensPerSecond} (0: at once). */
    public RunOptions withSimLatency(Duration latency, int tokensPerSecond) {
        return withSimulated(simulated.withLatency(latency, tokensPerSecond));
    }

    /** Recorded in the audit database at {@code database} (null: the default place). */
    public RunOptions withAudit(Path database) {
        return new RunOptions(providerOverride, modelTimeoutSeconds, simulated, true, database, eventsFile,
                otlpTarget, batonVersion, tokenChunkWindow, humanInput, humanInputAllowed, gate, notices, workspace, flowFile);
    }

    /** Recorded nowhere. */
    public RunOptions withoutAudit() {
        return new RunOptions(providerOverride, modelTimeoutSeconds, simulated, false, null, eventsFile, otlpTarget,
                batonVersion, tokenChunkWindow, humanInput, humanInputAllowed, gate, notices, workspace, flowFile);
    }

    public RunOptions withEventsFile(Path file) {
        return new RunOptions(providerOverride, modelTimeoutSeconds, simulated, audited, auditDatabase, file,
                otlpTarget, batonVersion, tokenChunkWindow, humanInput, humanInputAllowed, gate, notices, workspace, flowFile);
    }

    /** Spans live to {@code url} (null: none), carrying {@code version} as {@code service.version}. */
    public RunOptions withOtlp(String url, String version) {
        return new RunOptions(providerOverride, modelTimeoutSeconds, simulated, audited, auditDatabase, eventsFile,
                url, version, tokenChunkWindow, humanInput, humanInputAllowed, gate, notices, workspace, flowFile);
    }

    public RunOptions withTokenChunkWindow(Duration window) {
        return new RunOptions(providerOverride, modelTimeoutSeconds, simulated, audited, auditDatabase, eventsFile,
                otlpTarget, batonVersion, window, humanInput, humanInputAllowed, gate, notices, workspace, flowFile);
    }

    /** Questions to a person go to {@code handler}. */
    public RunOptions withHumanInput(HumanInputHandler handler) {
        return new RunOptions(providerOverride, modelTimeoutSeconds, simulated, audited, auditDatabase, eventsFile,
                otlpTarget, batonVersion, tokenChunkWindow, handler, true, gate, notices, workspace, flowFile);
    }

    /** A question to a person fails the run. */
    public RunOptions withoutHumanInput() {
        return new RunOptions(providerOverride, modelTimeoutSeconds, simulated, audited, auditDatabase, eventsFile,
                otlpTarget, batonVersion, tokenChunkWindow, null, false, gate, notices, workspace, flowFile);
    }

    public RunOptions withGate(RunGate breakpoints) {
        return new RunOptions(providerOverride, modelTimeoutSeconds, simulated, audited, auditDatabase, eventsFile,
                otlpTarget, batonVersion, tokenChunkWindow, humanInput, humanInputAllowed, breakpoints, notices, workspace, flowFile);
    }

    public RunOptions withNotices(Consumer<String> listener) {
        return new RunOptions(providerOverride, modelTimeoutSeconds, simulated, audited, auditDatabase, eventsFile,
                otlpTarget, batonVersion, tokenChunkWindow, humanInput, humanInputAllowed, gate, listener, workspace, flowFile);
    }

    /** The file tools work in {@code folder} (the CLI's {@code --workspace}); null for the flow's own. */
    public RunOptions withWorkspace(Path folder) {
        return new RunOptions(providerOverride, modelTimeoutSeconds, simulated, audited, auditDatabase, eventsFile,
                otlpTarget, batonVersion, tokenChunkWindow, humanInput, humanInputAllowed, gate, notices, folder,
                flowFile);
    }

    /** The run comes from {@code file}: a relative {@code tools.workspace} is resolved against its folder. */
    public RunOptions withFlowFile(Path file) {
        return new RunOptions(providerOverride, modelTimeoutSeconds, simulated, audited, auditDatabase, eventsFile,
                otlpTarget, batonVersion, tokenChunkWindow, humanInput, humanInputAllowed, gate, notices, workspace,
                file);
    }

    /**
     * The folder the file tools work in: {@link #workspace} when set, else the flow's declared workspace resolved
     * against the flow file's folder (or as is when absolute); null when there is none.
     */
    public Path toolWorkspace(String declared) {
        if (workspace != null) {
            return workspace.toAbsolutePath().normalize();
        }
        if (declared == null || declared.isBlank()) {
            return null;
        }
        Path path = Path.of(declared);
        if (path.isAbsolute()) {
            return path.normalize();
        }
        if (flowFile == null) {
            return null;
        }
        Path folder = flowFile.toAbsolutePath().getParent();
        return folder.resolve(path).normalize();
    }
}
