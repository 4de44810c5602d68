package dev.baton.ui.run;

import dev.baton.audit.AuditException;
import dev.baton.audit.AuditStore;
import dev.baton.audit.StoredEvents;
import dev.baton.engine.RunEvent;
import dev.baton.flow.Flow;
import dev.baton.ui.fx.Daemons;
import dev.baton.ui.fx.FxRunBridge;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleDoubleProperty;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Re-animates a recorded run from the audit database through a fresh {@link RunViewModel} and the same bridge a live
 * run uses, without calling any model. Events are fed at their recorded pace divided by the speed (speed 0: all at
 * once, for tests); pause stops feeding, step feeds one. Gaps longer than {@link #MAX_GAP} (a person thinking, a
 * breakpoint held) are shortened to it so that a replay never seems stuck.
 */
public final class ReplayController implements PlaybackControls, AutoCloseable {

    /** The longest pause a replay makes between two events at speed 1. */
    public static final Duration MAX_GAP = Duration.ofSeconds(3);

    private final List<RunEvent> events;
    private final RunViewModel viewModel;
    private final FxRunBridge bridge;
    private final ScheduledExecutorService timer;
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(this, "paused");
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed", 1.0);
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private volatile double speedNow = 1.0;
    // guarded by this: the feeding position and its pending timer task
    private int next;
    private boolean feedingPaused;
    private ScheduledFuture<?> pending;

    /**
     * @param events    a run's events in sequence order
     * @param flow      the flow as it was run (nodes, edges, budget); null to learn nodes from the events
     */
    public ReplayController(List<RunEvent> events, Flow flow, Executor fxExecutor) {
        this.events = List.copyOf(events);
        this.viewModel = new RunViewModel(flow);
        this.bridge = new FxRunBridge(fxExecutor, viewModel::apply, FxRunBridge.DEFAULT_SLICE_ITEMS,
                FxRunBridge.DEFAULT_SLICE_TIME);
        this.timer = Executors.newSingleThreadScheduledExecutor(Daemons.named("baton-replay"));
        speed.addListener((o, a, b) -> speedNow = Math.max(0, b.doubleValue()));
    }

    /** Loads run {@code runId} (full id or unique prefix) from {@code store}. Call off the FX thread. */
    public static ReplayController load(AuditStore store, String runId, Flow flow, Executor fxExecutor)
            throws AuditException {
        String id = store.run(runId).map(AuditStore.RunSummary::runId)
                .orElseThrow(() -> new AuditException("no run '" + runId + "' in the audit database"));
        return new ReplayController(StoredEvents.decode(store.events(id)), flow, fxExecutor);
    }

    public RunViewModel viewModel() {
        return viewModel;
    }

    /** The events being replayed. */
    public List<RunEvent> events() {
        return events;
    }

    /** Starts feeding (unless paused). */
    public synchronized void start() {
        if (!feedingPaused) {
            schedule(0);
        }
    }

    /** Completes once the last event was applied to the view-model. */
    public CompletableFuture<Void> finished() {
        return finished;
    }

    private synchronized void feed() {
        pending = null;
        while (!feedingPaused && next < events.size()) {
            RunEvent e = events.get(next);
            push();
            if (next >= events.size()) {
                return;
            }
            long delay = delayMs(e, events.get(next));
            if (delay > 0) {
                schedule(delay);
                return;
            }
        }
    }

    /** Hands the next event to the bridge; after the last one, marks the replay finished behind it. */
    private void push() {
        bridge.onEvent(events.get(next++));
        if (next == events.size()) {
            bridge.post(() -> finished.complete(null));
        }
    }

    private long delayMs(RunEvent from, RunEvent to) {
        double s = speedNow;
        if (s <= 0) {
            return 0;
        }
        long gap = Math.min(MAX_GAP.toMillis(), Math.max(0, to.time().toEpochMilli() - from.time().toEpochMilli()));
        return Math.round(gap / s);
    }

    private void schedule(long delayMs) {
        if (pending == null && !timer.isShutdown()) {
            pending = timer.schedule(this::feed, delayMs, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void pause() {
        feedingPaused = true;
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
        paused.set(true);
    }

    @Override
    public synchronized void resume() {
        feedingPaused = false;
        paused.set(false);
        schedule(0);
    }

    /** Feeds exactly one event now (it reaches the view-model on the FX side); false at the end. */
    @Override
    public synchronized boolean step() {
        if (next >= events.size()) {
            return false;
        }
        push();
        return true;
    }

    @Override
    public ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    @Override
    public DoubleProperty speedProperty() {
        return speed;
    }

    /** Stops feeding for good. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
