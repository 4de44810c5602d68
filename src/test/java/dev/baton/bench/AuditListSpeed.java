package dev.baton.bench;

import dev.baton.audit.AuditCrashChild;
import dev.baton.audit.AuditListener;
import dev.baton.audit.AuditStore;
import dev.baton.audit.AuditWriter;
import dev.baton.audit.H2AuditStore;
import dev.baton.audit.SyntheticRuns;
import dev.baton.engine.RunEvent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How fast {@code audit list} answers on a database of many runs, for the queries the runs table's indexes serve:
 * newest first, by status (one that no run has: the whole table is read), by flow (one no run has). Creates the
 * database with {@code runs} small runs when it does not exist; open it with two builds in turn to compare them:
 * <pre>{@code
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.baton.bench.AuditListSpeed DB [runs]
 * }</pre>
 */
public final class AuditListSpeed {

    private AuditListSpeed() {
    }

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        if (!Files.exists(db.resolveSibling(db.getFileName() + ".mv.db"))) {
            try (AuditWriter writer = AuditWriter.open(db)) {
                List<AuditListener> listeners = new ArrayList<>();
                for (int r = 0; r < runs; r++) {
                    AuditListener l = writer.listenerFor(AuditCrashChild.longChain(2));
                    for (RunEvent e : SyntheticRuns.fullChain("run-list-" + r, 2, 1, r)) {
                        l.onEvent(e);
                    }
                    listeners.add(l);
                }
                for (AuditListener l : listeners) {
                    l.awaitCommitted(Duration.ofMinutes(5));
                }
            }
            System.out.println("created " + db + " with " + runs + " runs");
        }
        // a writer opening once upgrades the schema (the new build drops indexes): what audit list meets afterwards
        try (AuditWriter writer = AuditWriter.open(db)) {
            writer.recoveredRuns();
        }
        List<AuditStore.RunQuery> queries = List.of(AuditStore.RunQuery.ALL,
                new AuditStore.RunQuery(null, "SUCCEEDED", null, null),
                new AuditStore.RunQuery(null, "FAILED", null, null),
                new AuditStore.RunQuery(null, "INTERRUPTED", null, null),
                new AuditStore.RunQuery("no-such-flow", null, null, null));
        int repeats = 15;
        double[][] ms = new double[queries.size()][repeats];
        double[] open = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            try (H2AuditStore store = H2AuditStore.open(db)) {
                open[i] = (System.nanoTime() - t0) / 1e6;
                for (int q = 0; q < queries.size(); q++) {
                    long t1 = System.nanoTime();
                    store.runs(queries.get(q), 0, 50);
                    ms[q][i] = (System.nanoTime() - t1) / 1e6;
                }
            }
        }
        System.out.printf(Locale.ROOT, "open %.1f ms (median of %d)%n", median(open), repeats);
        for (int q = 0; q < queries.size(); q++) {
            System.out.printf(Locale.ROOT, "  list first page of 50, flow=%s status=%s: %.2f ms%n",
                    queries.get(q).flowId(), queries.get(q).status(), median(ms[q]));
        }
        System.exit(0);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
