package dev.baton.audit;

import dev.baton.engine.RunEvent;
import dev.baton.flow.Flow;
import dev.baton.secret.Redactor;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The one writer of an audit database: listeners only enqueue (the engine never waits on the disk); a single
 * thread drains the queue in batches of up to {@value #MAX_BATCH} events, one transaction per batch. A run counts as
 * committed once its terminal event's batch is committed ({@link #committed(String)}).
 *
 * <p>Several processes write one database by taking turns ({@link AuditGate}): the writer opens the database when
 * it has events to write and keeps it while events keep coming, and closes it once another process waits (after the
 * batch in hand) or it has been idle for {@link #RELEASE_IDLE}. Each batch is one transaction, so another process
 * sees whole batches only; run numbers and text ids continue from what is stored each time the database is opened.
 *
 * <p>Enqueueing is one lock-free append; the writer thread is woken only when it sleeps with nothing to do or when a
 * run ends, never per event: waking it costs the enqueuing (engine listener) thread a system call and both cores a
 * context switch, which on a 2-core machine showed up directly in the engine's throughput.
 */
public final class AuditWriter implements AutoCloseable {

    /** Told after each commit which runs advanced to which sequence number (on the writer thread: be quick). */
    @FunctionalInterface
    public interface CommitObserver {
        void committed(String runId, long lastSeq);
    }

    static final int MAX_BATCH = 4096;
    /**
     * How long a batch waits for more events before it is committed (the most a crash can lose), unless a run ends
     * first. Each commit makes H2 write every page the batch touched (about 1–2 ms of the writer's CPU for a 20-agent
     * run): 100 ms means at most ten commits a second for a slow real run, and one commit for a fast one.
     */
    static final Duration LINGER = Duration.ofMillis(100);
    /** While a batch lingers, what arrived is staged (inserted, not committed) this often. */
    static final Duration STAGE_EVERY = Duration.ofMillis(5);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);
    /** H2 does not notice a second opener inside the same JVM, so this process keeps its own list. */
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();
    private static final BatchInserter.Item STOP = new BatchInserter.Item(null, null, null);

    /** An idle writer closes the database after this long even when nobody waits (a reader may come). */
    static final Duration RELEASE_IDLE = Duration.ofMillis(200);
    /** How often an idle writer holding the database looks whether another process waits for it. */
    private static final Duration WAITER_CHECK = Duration.ofMillis(5);

    /** How long a newly opened writer keeps the database for its first batch (the run's start) at most. */
    private static final Duration FIRST_BATCH_HOLD = Duration.ofSeconds(2);

    /**
     * True until the first commit: the writer keeps the database it opened until its first batch (a run's start)
     * is committed, so that a process killed a moment later still left its run on disk; given up and taken again
     * per batch, the start waited behind every other process's turn.
     */
    private boolean firstBatchPending = true;
    private final Path database;
    /** The open database between batches, or none (writer thread only after open). */
    private final WriterTurn turn;
    private final BatchInserter inserter;
    private final CommitObserver observer;
    /** The longest the idle writer sleeps before looking again (a missed wake-up costs at most this). */
    private static final Duration IDLE_PARK = Duration.ofMillis(250);

    private final Queue<BatchInserter.Item> queue = new ConcurrentLinkedQueue<>();
    /** True while the writer sleeps waiting for a first event: the next enqueue wakes it. */
    private volatile boolean idle;
    /** Callers waiting for a run's commit. */
    private final CommitWaiters waiters = new CommitWaiters();
    private final Thread thread;
    private final List<String> recovered;
    private volatile Throwable failure;
    private final LastFlowJson flowJson = new LastFlowJson();
    private volatile boolean closing;

    private AuditWriter(Path database, AuditGate.Hold hold, Connection connection, CommitObserver observer,
                        boolean textsByHash, Redactor redactor) throws SQLException {
        this.database = database;
        this.observer = observer;
        this.inserter = new BatchInserter(textsByHash, WriterProcess.current(), redactor);
        this.turn = new WriterTurn(database, inserter, hold, connection);
        inserter.attach(connection);
        this.recovered = Recovery.markInterrupted(connection);
        this.thread = new Thread(this::drain, "baton-audit-writer");
        thread.setDaemon(true);
    }

    /** Opens (creating and migrating if needed) the database and starts the writer thread. */
    public static AuditWriter open(Path database) throws AuditException {
        return open(database, (runId, seq) -> { });
    }

    /** As {@link #open(Path)}, with an observer told after every commit. */
    public static AuditWriter open(Path database, CommitObserver observer) throws AuditException {
        return open(database, observer, true);
    }

    /**
     * As {@link #open(Path, CommitObserver)}; {@code textsByHash} false writes every text inline as schema version 1
     * did (for the benchmark's before/after comparison only).
     */
    static AuditWriter open(Path database, CommitObserver observer, boolean textsByHash) throws AuditException {
        return open(database, observer, textsByHash, notice -> { }, Redactor.shapesOnly());
    }

    /** As {@link #open(Path)}; {@code notices} hears that an older database is being upgraded, before it starts. */
    public static AuditWriter open(Path database, Consumer<String> notices) throws AuditException {
        return open(database, notices, Redactor.shapesOnly());
    }

    /** As {@link #open(Path, Consumer)}; every text is redacted by {@code redactor} before it is stored. */
    public static AuditWriter open(Path database, Consumer<String> notices, Redactor redactor)
            throws AuditException {
        return open(database, (runId, seq) -> { }, true, notices, redactor);
    }

    private static AuditWriter open(Path database, CommitObserver observer, boolean textsByHash,
                                    Consumer<String> notices, Redactor redactor) throws AuditException {
        Path db = AuditPaths.normalize(database);
        if (!OPEN.add(db)) {
            throw new AuditException(AuditPaths.dataFile(db) + " is already being written by this Baton process");
        }
        Connection c = null;
        AuditGate.Hold hold = null;
        try {
            hold = AuditGate.acquire(db, true);
            c = AuditDatabase.openForWriting(db, notices, hold);
            AuditWriter w = new AuditWriter(db, hold, c, observer, textsByHash, redactor);
            w.thread.start();
            return w;
        } catch (SQLException e) {
            AuditDatabase.closeQuietly(c);
            hold.close();
            OPEN.remove(db);
            throw AuditErrors.translate(e, AuditPaths.dataFile(db));
        } catch (AuditException | RuntimeException e) {
            if (c != null) {
                AuditDatabase.closeQuietly(c);
            }
            if (hold != null) {
                hold.close();
            }
            OPEN.remove(db);
            throw e;
        }
    }

    /** True while a writer of this process has the database open (its runs in progress are alive). */
    static boolean isOpenHere(Path database) {
        return OPEN.contains(AuditPaths.normalize(database));
    }

    /** The database path (without H2's suffix). */
    public Path database() {
        return database;
    }

    /** Chunks inserted, chunks found already stored, texts inserted; read it after a commit (benchmark). */
    long[] textCounts() {
        return inserter.textCounts();
    }

    /** Transactions committed so far; read it after a commit (benchmark). */
    long commits() {
        return inserter.commits();
    }

    /** Runs found RUNNING when this writer opened (left by a crash), now INTERRUPTED. */
    public List<String> recoveredRuns() {
        return recovered;
    }

    /** A listener for one run of {@code flow}; the flow's canonical JSON is stored with the run. */
    public AuditListener listenerFor(Flow flow) {
        return new AuditListener(this, flowJson.of(flow), false);
    }

    /**
     * A listener for a piece of a run that several processes record in turn (a run on Temporal: each worker records
     * the events it is handed): events already stored are skipped, events after a gap are not written, the run is
     * taken over from the process that recorded it last; {@link AuditListener#awaitStored} tells how far the
     * database holds the run. {@code flowJson} (canonical) is needed only when the piece holds the run's start.
     */
    public AuditListener listenerForSharedRun(String flowJson) {
        return new AuditListener(this, flowJson, false, true);
    }

    /**
     * Completes when the run's terminal event is committed; fails if the writer failed first. Ask while the run goes
     * or soon after it ended: of runs committed long ago only the last {@value CommitWaiters#RECENT_COMMITS} are
     * remembered.
     */
    public CompletableFuture<Void> committed(String runId) {
        CompletableFuture<Void> f = waiters.forRun(runId);
        Throwable t = failure;
        if (t != null) {
            waiters.failed(runId, f, t);
        }
        return f;
    }

    /** Waits until the run's terminal event is committed; false on timeout. */
    public boolean awaitCommitted(String runId, Duration timeout) throws AuditException, InterruptedException {
        try {
            committed(runId).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new AuditException("the audit writer failed: " + AuditErrors.oneLine(
                    String.valueOf(e.getCause().getMessage())), e.getCause());
        }
    }

    /** The writer's failure, or null while it works. */
    public Throwable failure() {
        return failure;
    }

    void enqueue(RunEvent event, String flowJson, AuditListener owner) {
        if (closing || failure != null) {
            return; // dropping is the only non-blocking choice left; committed(...) reports the failure
        }
        queue.add(new BatchInserter.Item(event, flowJson, owner));
        if (idle || BatchInserter.isTerminal(event)) {
            LockSupport.unpark(thread);
        }
    }

    private void drain() {
        List<BatchInserter.Item> staged = new ArrayList<>(MAX_BATCH);
        try {
            boolean stop = false;
            while (!stop) {
                BatchInserter.Item first = awaitFirst();
                if (first == STOP) {
                    break;
                }
                turn.ensureOpen();
                stop = collect(first, staged);
                if (!staged.isEmpty()) {
                    inserter.commit();
                    firstBatchPending = false;
                    afterCommit(staged);
                    staged.clear();
                }
                if (turn.othersWaiting()) {
                    turn.release(); // another process's turn; what is queued meanwhile waits in memory
                }
            }
        } catch (AuditException e) {
            fail(e, staged);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(new IllegalStateException("audit writer interrupted"), staged);
        } catch (SQLException | RuntimeException | Error e) {
            fail(e, staged);
        } finally {
            turn.release(); // a failed writer must not keep other processes out
        }
    }

    /**
     * The next queued item, sleeping while there is none; while it sleeps holding the database it gives the
     * database up as soon as another process waits, or after {@link #RELEASE_IDLE}.
     */
    private BatchInserter.Item awaitFirst() throws InterruptedException {
        long idleSince = System.nanoTime();
        while (true) {
            BatchInserter.Item item = queue.poll();
            if (item != null) {
                return item;
            }
            long idleFor = System.nanoTime() - idleSince;
            if (turn.held() && (firstBatchPending ? idleFor > FIRST_BATCH_HOLD.toNanos()
                    : idleFor > RELEASE_IDLE.toNanos() || turn.othersWaiting())) {
                turn.release();
            }
            idle = true;
            item = queue.poll(); // an enqueue between the poll and idle = true did not wake us: look again
            if (item != null) {
                idle = false;
                return item;
            }
            LockSupport.parkNanos(this, (turn.held() ? WAITER_CHECK : IDLE_PARK).toNanos());
            idle = false;
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /**
     * Stages {@code first} and whatever is queued or arrives within {@link #LINGER} into the open transaction, every
     * {@link #STAGE_EVERY} while the batch lingers, and returns when the batch should be committed: at once when a run
     * ended (the enqueue of a terminal event wakes the writer), when {@link #MAX_BATCH} events are staged, or when
     * the linger time is over. Staging while a run goes on leaves only the last few events and the commit itself for
     * the moment the run ends, when its caller waits. Why linger at all: every H2 commit writes each page the batch
     * touched; a trickle of events committed one by one costs far more CPU than the same events committed together.
     *
     * @return true when the writer was told to stop
     */
    private boolean collect(BatchInserter.Item first, List<BatchInserter.Item> staged)
            throws InterruptedException, SQLException {
        List<BatchInserter.Item> batch = new ArrayList<>();
        batch.add(first);
        long deadline = System.nanoTime() + LINGER.toNanos();
        while (true) {
            BatchInserter.Item next;
            while (staged.size() + batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
                batch.add(next);
            }
            boolean stop = batch.remove(STOP);
            boolean ended = false;
            for (BatchInserter.Item item : batch) {
                ended |= BatchInserter.isTerminal(item.event());
            }
            if (!batch.isEmpty()) {
                inserter.stage(batch);
                staged.addAll(batch);
                batch.clear();
            }
            long left = deadline - System.nanoTime();
            if (stop || ended || staged.size() >= MAX_BATCH || left <= 0) {
                return stop;
            }
            LockSupport.parkNanos(this, Math.min(left, STAGE_EVERY.toNanos()));
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    private void afterCommit(List<BatchInserter.Item> batch) {
        Map<String, Long> lastSeq = new LinkedHashMap<>();
        for (BatchInserter.Item item : batch) {
            lastSeq.put(item.event().runId(), item.event().seq());
        }
        lastSeq.forEach(observer::committed);
        for (BatchInserter.Item item : batch) {
            if (BatchInserter.isTerminal(item.event())) {
                waiters.committed(item.event().runId());
                if (item.owner() != null) {
                    item.owner().markCommitted();
                }
            }
        }
    }

    private void fail(Throwable t, List<BatchInserter.Item> staged) {
        failure = t;
        turn.distrust(); // whatever went wrong, the next writer reads the file whole before it writes
        waiters.failAll(t);
        for (BatchInserter.Item item : staged) { // rolled back with the transaction
            if (item.owner() != null) {
                item.owner().markFailed(t);
            }
        }
        BatchInserter.Item item;
        while ((item = queue.poll()) != null) {
            if (item.owner() != null) {
                item.owner().markFailed(t);
            }
        }
        System.getLogger(AuditWriter.class.getName()).log(System.Logger.Level.ERROR,
                "audit writer stopped: " + t, t);
    }

    /** Writes everything queued, then closes the database. */
    @Override
    public void close() throws AuditException {
        if (closing) {
            return;
        }
        closing = true;
        queue.add(STOP);
        LockSupport.unpark(thread);
        try {
            thread.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            OPEN.remove(database); // the thread still owns the connection; it is a daemon and dies with the JVM
            throw new AuditException("the audit writer did not finish within " + CLOSE_TIMEOUT.toSeconds() + " s");
        }
        try {
            turn.release();
        } finally {
            OPEN.remove(database);
        }
    }
}
