package dev.baton.ui.run;

import dev.baton.audit.AuditException;
import dev.baton.engine.FlowRunner;
import dev.baton.engine.RedactedEvents;
import dev.baton.engine.RunHandle;
import dev.baton.engine.RunListener;
import dev.baton.engine.RunResult;
import dev.baton.engine.RunnerOptions;
import dev.baton.engine.model.ModelProvider;
import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.engine.model.simulated.SimulatedProvider;
import dev.baton.flow.Flow;
import dev.baton.run.AuditedRun;
import dev.baton.run.LaunchRefused;
import dev.baton.run.RemoteRunSession;
import dev.baton.run.RunOptions;
import dev.baton.run.RunService;
import dev.baton.run.TemporalTarget;
import dev.baton.secret.Redactor;
import dev.baton.ui.fx.FxRunBridge;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleDoubleProperty;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one flow for the canvas: launches it through the {@link RunService} (which records it in an audit database when
 * asked and sends its spans to an OTLP collector when set) on a {@link FlowRunner}, and feeds its events through one
 * {@link FxRunBridge} into a {@link RunViewModel}; or on Temporal ({@link #onTemporal}), shown the same way. Pause,
 * step and speed act on the animation only; breakpoints really hold the engine before a node starts or a handoff
 * happens, and the user may edit the text passed before letting it go on.
 */
public final class RunController implements PlaybackControls {

    private static final Logger LOG = Logger.getLogger(RunController.class.getName());
    private static final Duration AUDIT_COMMIT_WAIT = Duration.ofSeconds(30);
    /** At most this long after a run for its last spans to reach the collector (as {@code baton run --otlp}). */
    private static final Duration TRACE_SEND_WAIT = Duration.ofSeconds(3);
    /**
     * How long a breakpoint hit waits for earlier events to reach every listener before it is shown anyway: the
     * engine is held meanwhile, and a busy audit database can take seconds to catch up (seen in the full suite).
     */
    private static final Duration HIT_ORDER_WAIT = Duration.ofSeconds(10);

    /** Starts the run: on this machine's engine, or on Temporal ({@link #onTemporal}). */
    @FunctionalInterface
    private interface Launcher {
        AuditedRun launch(Flow flow, String input, RunOptions options, List<RunListener> listeners)
                throws LaunchRefused;
    }

    private final Flow flow;
    private final FlowRunner runner;
    private final Launcher launcher;
    /** Where the run happens when not on this machine (Temporal), else null. */
    private TemporalTarget remote;
    private final RunViewModel viewModel;
    private final FxRunBridge bridge;
    private final Breakpoints breakpoints = new Breakpoints();
    private final BlockingQueue<BreakpointHit> hits = new LinkedBlockingQueue<>();
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(this, "paused");
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed", 1.0);
    private final CompletableFuture<RunResult> finished = new CompletableFuture<>();
    private final List<RunListener> extraListeners = new ArrayList<>();
    /** Not audited and not traced unless asked ({@link #auditTo}, {@link #traceTo}). */
    private RunOptions options = RunOptions.DEFAULT.withoutAudit();
    private RunService service;
    private Redactor redactor = Redactor.shapesOnly();
    private volatile RunHandle handle;
    /** {@link #start} was called (the run may still be waiting for its audit database to open). */
    private volatile boolean starting;
    /** {@link #cancel} was called; a run that starts after it is cancelled at once. */
    private volatile boolean cancelRequested;
    private final CompletableFuture<RunHandle> started = new CompletableFuture<>();
    private volatile BreakpointHit held;

    /** @param fxExecutor where the view-model changes: {@code Platform::runLater} in the app, a plain thread in tests */
    public RunController(Flow flow, FlowRunner runner, Executor fxExecutor) {
        this(flow, Objects.requireNonNull(runner, "runner"), fxExecutor, null);
    }

    /** {@code launcher}: how the run starts; null for {@code runner} through the run service. */
    private RunController(Flow flow, FlowRunner runner, Executor fxExecutor, Launcher launcher) {
        this.flow = Objects.requireNonNull(flow, "flow");
        this.runner = runner;
        this.viewModel = new RunViewModel(flow);
        this.bridge = FxRunBridge.forRun(fxExecutor, viewModel::apply);
        this.launcher = launcher != null ? launcher : (f, input, o, listeners) ->
                (service != null ? service : new RunService(redactor)).launch(this.runner, f, input, o, listeners);
    }

    /** A controller running {@code flow} on {@code provider} with the default engine options. */
    public static RunController on(Flow flow, ModelProvider provider, Executor fxExecutor) {
        return new RunController(flow, FlowRunner.create(provider, RunnerOptions.DEFAULT), fxExecutor);
    }

    /**
     * A controller launching {@code flow} through {@code service} with {@code options} (audit database, trace target,
     * simulated model settings; the controller adds its breakpoints and console notices); the service's redactor
     * cleans everything the run shows or keeps.
     */
    public static RunController on(Flow flow, RunService service, RunOptions options, Executor fxExecutor) {
        RunController c = new RunController(flow, service.runner(options), fxExecutor);
        c.service = service;
        c.options = options;
        c.redactor = service.redactor();
        return c;
    }

    /**
     * A controller running {@code flow} on Temporal at {@code target} ({@link RemoteRunSession}): shown as a local
     * run, with a person's questions, tool approvals and breakpoints answered here (the run waits there, durably, for
     * them) and Stop as Temporal's cancellation; the run is recorded by the worker that ends it, not here.
     * {@code redactor} cleans everything shown.
     */
    public static RunController onTemporal(Flow flow, TemporalTarget target, Redactor redactor,
                                           Executor fxExecutor) {
        Objects.requireNonNull(target, "target");
        RunController[] self = new RunController[1];
        RunController c = new RunController(flow, null, fxExecutor,
                (f, input, o, listeners) -> RemoteRunSession.onTemporal(target, f, input, o, listeners,
                        self[0].breakpoints.nodeIds(), self[0].breakpoints.handoffIds()));
        self[0] = c;
        c.remote = target;
        c.redactor = Objects.requireNonNull(redactor, "redactor");
        return c;
    }

    /** Where the run happens when it is not on this machine (Temporal), or null for a local run. */
    public TemporalTarget remote() {
        return remote;
    }

    /** Where the run happens in a few words ("Temporal at HOST:PORT (task queue Q)"), or "" for a local run. */
    public String where() {
        return remote == null ? "" : remote.describe();
    }

    /** A controller running {@code flow} on the simulated model. */
    public static RunController simulated(Flow flow, SimulatedModel.Settings settings, Executor fxExecutor) {
        return on(flow, new SimulatedProvider(settings), fxExecutor);
    }

    /** Records the run in the H2 audit database at {@code database} (call before {@link #start}). */
    public RunController auditTo(Path database) {
        this.options = options.withAudit(database);
        return this;
    }

    /**
     * The program's redactor: the console, timeline and panes (everything the bridge feeds), the added listeners and
     * the audit record get events with every secret removed (call before {@link #start}).
     */
    public RunController redactWith(Redactor programRedactor) {
        this.redactor = Objects.requireNonNull(programRedactor, "programRedactor");
        return this;
    }

    /**
     * Sends the run's spans live to the OTLP/HTTP collector at {@code url}, as Baton {@code batonVersion} (call before
     * {@link #start}). When the run ends the sender gets a bounded time to deliver, and the console says how many
     * spans arrived ("otlp: sent N spans to …").
     */
    public RunController traceTo(String url, String batonVersion) {
        this.options = options.withOtlp(Objects.requireNonNull(url, "url"), batonVersion);
        return this;
    }

    /** Adds a listener that gets the run's events as they are published (call before {@link #start}). */
    public RunController listen(RunListener listener) {
        extraListeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    public Breakpoints breakpoints() {
        return breakpoints;
    }

    /**
     * Call after changing {@link #breakpoints()} during a run: a local run reads them at each gate; a run on Temporal
     * is told where to stop from now on.
     */
    public void breakpointsChanged() {
        if (handle instanceof RemoteRunSession remoteRun) {
            remoteRun.breakpoints(breakpoints.nodeIds(), breakpoints.handoffIds());
        }
    }

    public RunViewModel viewModel() {
        return viewModel;
    }

    public FxRunBridge bridge() {
        return bridge;
    }

    /** The running handle, null before {@link #start}. */
    public RunHandle handle() {
        return handle;
    }

    /**
     * Starts the run; never blocks on the run (opening the audit database may take a moment: see
     * {@link #startInBackground}). Questions to a person wait for {@link RunViewModel#answerHuman}; breakpoints apply
     * from the start.
     *
     * @throws LaunchRefused when the audit database (or the trace target) cannot be used; nothing was started
     */
    public RunHandle start(String input) throws LaunchRefused {
        if (starting) {
            throw new IllegalStateException("a controller runs one run; make a new one to run again");
        }
        starting = true;
        BreakpointGate gate = new BreakpointGate(breakpoints, this::hit, flow.limits().runDeadline(),
                () -> cancelRequested);
        List<RunListener> listeners = new ArrayList<>(List.of(RedactedEvents.redacting(bridge, redactor)));
        extraListeners.forEach(l -> listeners.add(RedactedEvents.redacting(l, redactor)));
        // an older database is upgraded first (seconds for a large one): the console says so before the run appears
        RunOptions launchOptions = options.withGate(gate)
                .withNotices(notice -> bridge.post(() -> viewModel.note(notice)));
        AuditedRun run = launcher.launch(flow, input, launchOptions, listeners);
        RunHandle h = run.handle();
        handle = h;
        if (cancelRequested) {
            // cancelled while the audit database was being opened: a fast run may already be past its first gate
            h.cancel();
        }
        started.complete(h);
        viewModel.setHumanAnswerer(h::answer);
        viewModel.setToolApprover(h::approveTool);
        h.result().whenCompleteAsync((result, failure) -> settle(run, result, failure));
        return h;
    }

    /** Off the FX thread: the run ended; wait for the audit to commit, close its sinks, then complete {@link #finished}. */
    private void settle(AuditedRun run, RunResult result, Throwable failure) {
        try {
            run.handle().awaitEventsDelivered(Duration.ofSeconds(10));
            run.awaitCommitted(AUDIT_COMMIT_WAIT);
        } catch (AuditException e) {
            LOG.log(Level.WARNING, "the audit of run " + run.runId() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // a collector that is down or hangs costs at most the bounded wait, after the run, never during it
        AuditedRun.Closed closed = run.close(TRACE_SEND_WAIT);
        if (closed.auditFailure() != null) {
            LOG.warning("run " + run.runId() + ": " + closed.auditFailure());
        }
        if (closed.trace() != null) {
            bridge.post(() -> viewModel.note(redactor.redact(closed.trace().summary())));
        }
        if (failure != null) {
            finished.completeExceptionally(failure);
        } else {
            finished.complete(result);
        }
    }

    /**
     * Completes after the run ended, every event reached the bridge, the audit (if any) is committed and the live
     * trace (if any) is sent or given up on.
     */
    public CompletableFuture<RunResult> finished() {
        return finished;
    }

    /** Engine thread: a breakpoint matched. The UI learns it behind every event published before it. */
    private void hit(BreakpointHit hit) {
        held = hit;
        // events reach the bridge from the event bus's own threads: without this wait the stop could be shown before
        // the events that led to it (the console said "stopped" before "billing done"). A fast run can reach its
        // first breakpoint before start() has even stored the handle, hence the wait for the handle first.
        try {
            RunHandle h = started.get(HIT_ORDER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            h.awaitEventsDelivered(HIT_ORDER_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // cancelled: the gate's wait gives up at once
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.log(Level.FINE, "showing a breakpoint without waiting for earlier events", e);
        }
        hits.add(hit);
        bridge.post(() -> viewModel.showBreakpoint(hit));
    }

    /** The breakpoint the engine is held at, or null; safe from any thread. */
    public BreakpointHit heldAt() {
        BreakpointHit h = held;
        return h == null || h.released() ? null : h;
    }

    /** Waits for the next breakpoint hit (for tests and scripted demos); null on timeout. */
    public BreakpointHit awaitBreakpoint(Duration timeout) throws InterruptedException {
        return hits.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lets the held run go on with {@code text} (the edited input or context; null keeps it); any thread. */
    public boolean continueRun(String text) {
        BreakpointHit h = heldAt();
        if (h == null || !h.proceed(text)) {
            return false;
        }
        bridge.post(() -> viewModel.clearBreakpoint(h));
        return true;
    }

    /** Lets the held run go on unchanged. */
    public boolean continueRun() {
        return continueRun(null);
    }

    /**
     * As {@link #start}, with the audit database opened on {@code background} (opening it takes tens of milliseconds,
     * the first time in a process about half a second, and upgrading an old one seconds: not for the FX thread). The
     * future fails with the {@link LaunchRefused} (caused by the audit's own exception) when the database cannot be
     * opened.
     */
    public CompletableFuture<RunHandle> startInBackground(String input, Executor background) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return start(input);
            } catch (LaunchRefused e) {
                throw new CompletionException(e);
            }
        }, background);
    }

    /** Cancels the run: model calls and a held breakpoint are interrupted; it ends CANCELLED within moments. */
    public void cancel() {
        cancelRequested = true;
        RunHandle h = handle;
        if (h != null) {
            h.cancel();
        }
        BreakpointHit b = held;
        if (b != null) {
            b.release().completeExceptionally(new IllegalStateException("cancelled"));
        }
    }

    @Override
    public void pause() {
        bridge.pause();
        paused.set(true);
    }

    @Override
    public void resume() {
        paused.set(false);
        bridge.resume();
    }

    @Override
    public boolean step() {
        return bridge.step();
    }

    @Override
    public ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    @Override
    public DoubleProperty speedProperty() {
        return speed;
    }
}
