package dev.baton.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The audit writer's own cost per committed run, without the engine competing for the cores: real events of
 * 20-agent chains are recorded once, then fed to a fresh writer round by round, in groups of {@code group} runs that
 * end together (the last event 12 ms after the others), each group waited for until it is committed (as the CLI waits).
 * Prints the medians of the writer thread's CPU and of the wall time per run from the last event handed over to the
 * commit. Being CPU time of one thread, it moves far less with the machine's load than the benchmark's throughput
 * ratios; to compare two builds, {@link AuditWriterCostSideBySide} runs both in one JVM, round by round:
 * <pre>{@code
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.baton.bench.AuditWriterCost [runs] [rounds] [group]
 * }</pre>
 */
public final class AuditWriterCost {

    private AuditWriterCost() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        int group = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        long events = AuditWriterCostRound.prepare(runs);
        System.out.println("events of one run by kind: " + AuditWriterCostRound.kindsOfOneRun());
        Path dir = Files.createTempDirectory("baton-writer-cost");
        double[][] m = new double[4][rounds];
        for (int round = -1; round < rounds; round++) { // round -1 warms the JIT up
            double[] v = AuditWriterCostRound.round(dir.resolve("r" + round).toString(), group);
            for (int k = 0; round >= 0 && k < 4; k++) {
                m[k][round] = v[k];
            }
        }
        System.out.printf(Locale.ROOT, "%d runs of %,d events, groups of %d: writer CPU %.0f us per run (rounds %s),"
                + " last event to commit %.0f us per run (rounds %s)%n", runs, events, group, median(m[0]), fmt(m[0]),
                median(m[2]), fmt(m[2]));
        System.out.printf(Locale.ROOT, "  writer allocated %.0f KB per run; file written %.1f KB per run%n",
                median(m[1]), median(m[3]));
        System.exit(0);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String fmt(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.0f", v));
        }
        return sb.toString();
    }
}
