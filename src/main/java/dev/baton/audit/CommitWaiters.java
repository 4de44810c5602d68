package dev.baton.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The callers of {@link AuditWriter#committed(String)}: a future per run somebody waits for, completed when the
 * writer commits the run's terminal event (or failed with the writer), and the runs committed lately, for callers
 * who ask just after the commit.
 */
final class CommitWaiters {

    /** How many committed run ids are remembered for late {@link AuditWriter#committed(String)} calls. */
    static final int RECENT_COMMITS = 1024;

    /**
     * Futures of callers waiting for a run's commit, by run id: an entry leaves the map when its run is committed (or
     * the writer fails), so the map holds only runs somebody still waits for.
     */
    private final Map<String, CompletableFuture<Void>> finished = new ConcurrentHashMap<>();
    /**
     * The ids of the last {@value #RECENT_COMMITS} runs committed, so that a caller asking just after the commit gets
     * a completed future rather than one that would wait forever. Bounded: a writer lives as long as the designer.
     */
    private final Set<String> recentlyCommitted = java.util.Collections.newSetFromMap(
            java.util.Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > RECENT_COMMITS;
                }
            }));

    /** The future of the run's commit: completed already when the run was committed lately. */
    CompletableFuture<Void> forRun(String runId) {
        if (recentlyCommitted.contains(runId)) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> f = finished.computeIfAbsent(runId, id -> new CompletableFuture<>());
        // the writer records the run as committed before it takes the waiters out: a commit between the look above
        // and the put is seen here
        if (recentlyCommitted.contains(runId)) {
            finished.remove(runId, f);
            f.complete(null);
        }
        return f;
    }

    /** The writer failed before the run's commit: {@code f}, from {@link #forRun}, fails with it. */
    void failed(String runId, CompletableFuture<Void> f, Throwable t) {
        finished.remove(runId, f);
        f.completeExceptionally(t);
    }

    /** The run's terminal event is committed (writer thread): whoever waits for it goes on. */
    void committed(String runId) {
        recentlyCommitted.add(runId);
        CompletableFuture<Void> waiting = finished.remove(runId);
        if (waiting != null) {
            waiting.complete(null);
        }
    }

    /** The writer stopped: every waiting caller hears why. */
    void failAll(Throwable t) {
        for (String runId : List.copyOf(finished.keySet())) {
            CompletableFuture<Void> f = finished.remove(runId);
            if (f != null) {
                f.completeExceptionally(t);
            }
        }
    }
}
