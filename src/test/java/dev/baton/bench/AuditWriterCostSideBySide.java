package dev.baton.bench;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@link AuditWriterCost} for two builds in one JVM, each in its own class loader, alternating round by round (who
 * goes first alternates too): the writer thread's CPU, allocation and file bytes per committed 20-agent run, old
 * against new in the same minutes of a machine whose load moves. Keep a copy of the old build's classes first:
 * <pre>{@code
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.baton.bench.AuditWriterCostSideBySide \
 *     OLD/target/classes target/classes [runs] [rounds] [group]
 * }</pre>
 */
public final class AuditWriterCostSideBySide {

    private AuditWriterCostSideBySide() {
    }

    public static void main(String[] args) throws Exception {
        String[] builds = {args[0], args[1]};
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 9;
        int group = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        List<URL> shared = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!entry.endsWith("classes") || entry.endsWith("test-classes")) {
                shared.add(Path.of(entry).toUri().toURL());
            }
        }
        Method[] round = new Method[2];
        Path dir = Files.createTempDirectory("baton-writer-side-by-side");
        for (int b = 0; b < 2; b++) {
            List<URL> urls = new ArrayList<>();
            urls.add(Path.of(builds[b]).toUri().toURL());
            urls.addAll(shared);
            ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            Class<?> side = loader.loadClass(AuditWriterCostRound.class.getName());
            side.getMethod("prepare", int.class).invoke(null, runs);
            round[b] = side.getMethod("round", String.class, int.class);
            round[b].invoke(null, dir.resolve("warm" + b).toString(), group); // JIT warm-up
        }
        double[][][] results = new double[2][4][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 2; k++) {
                int b = (r + k) % 2;
                double[] v = (double[]) round[b].invoke(null, dir.resolve("r" + r + "b" + b).toString(), group);
                for (int m = 0; m < 4; m++) {
                    results[b][m][r] = v[m];
                }
            }
            System.out.printf(Locale.ROOT, "round %d: A %.0f us CPU, %.0f KB alloc, %.0f us to commit, %.1f KB file;"
                    + " B %.0f us, %.0f KB, %.0f us, %.1f KB%n", r + 1, results[0][0][r], results[0][1][r],
                    results[0][2][r], results[0][3][r], results[1][0][r], results[1][1][r], results[1][2][r],
                    results[1][3][r]);
        }
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ratio[r] = results[1][0][r] / results[0][0][r];
        }
        for (int b = 0; b < 2; b++) {
            System.out.printf(Locale.ROOT, "%s %s: median writer CPU %.0f us, %.0f KB allocated, last event to commit"
                    + " %.0f us, file %.1f KB per run (groups of %d)%n", b == 0 ? "A" : "B", builds[b],
                    median(results[b][0]), median(results[b][1]), median(results[b][2]), median(results[b][3]), group);
        }
        System.out.printf(Locale.ROOT, "median of the per-round CPU ratios B/A: %.3f%n", median(ratio));
        System.exit(0);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
