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
 * Two builds of the audit code in one JVM, each in its own class loader, alternating round by round: audit off, then
 * each build's audit on and on-and-committed, four runs in flight; medians of the per-round ratios and of the writer's
 * CPU and allocation per run. On a shared machine whose load moves by the minute, this compares old and new in the
 * same minutes, which separate processes cannot. Keep a copy of the old build's {@code target/classes} first:
 * <pre>{@code
 * git worktree add /tmp/old main && (cd /tmp/old && mvn -q -DskipTests compile)
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.baton.bench.AuditBuildsSideBySide \
 *     /tmp/old/target/classes target/classes [rounds]
 * }</pre>
 */
public final class AuditBuildsSideBySide {

    private static final int LANES = 4;
    private static final int RUNS = 80;

    private AuditBuildsSideBySide() {
    }

    public static void main(String[] args) throws Exception {
        String[] builds = {args[0], args[1]};
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        // everything on the class path except this build's classes: test classes and dependencies
        List<URL> shared = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!entry.endsWith("classes") || entry.endsWith("test-classes")) {
                shared.add(Path.of(entry).toUri().toURL());
            }
        }
        Method[] round = new Method[2];
        Path dir = Files.createTempDirectory("baton-side-by-side");
        for (int b = 0; b < 2; b++) {
            List<URL> urls = new ArrayList<>();
            urls.add(Path.of(builds[b]).toUri().toURL());
            urls.addAll(shared);
            ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            round[b] = loader.loadClass(AuditSideRound.class.getName()).getMethod("round", int.class, int.class,
                    boolean.class, boolean.class, String.class);
            Files.createDirectories(dir.resolve("b" + b));
            round[b].invoke(null, LANES, 40, true, true, dir.resolve("b" + b).toString()); // JIT warm-up
            round[b].invoke(null, LANES, 40, false, false, dir.resolve("b" + b).toString());
        }
        double[][] on = new double[2][rounds];
        double[][] committed = new double[2][rounds];
        double[][] cpu = new double[2][rounds];
        double[][] kb = new double[2][rounds];
        for (int r = 0; r < rounds; r++) {
            double off = run(round[r % 2], false, false, dir, r % 2)[0];
            for (int k = 0; k < 2; k++) {
                int b = (r + k) % 2; // who goes first alternates
                double[] e = run(round[b], true, false, dir, b);
                double[] c = run(round[b], true, true, dir, b);
                on[b][r] = e[0] / off;
                committed[b][r] = c[0] / off;
                cpu[b][r] = (e[1] + c[1]) / 2;
                kb[b][r] = (e[2] + c[2]) / 2;
            }
            System.out.printf(Locale.ROOT, "round %d: off %.1f runs/s; A on/off %.3f committed/off %.3f (%.2f ms,"
                            + " %.0f KB per run); B on/off %.3f committed/off %.3f (%.2f ms, %.0f KB)%n", r + 1, off,
                    on[0][r], committed[0][r], cpu[0][r], kb[0][r], on[1][r], committed[1][r], cpu[1][r], kb[1][r]);
        }
        for (int b = 0; b < 2; b++) {
            System.out.printf(Locale.ROOT, "%s %s: median on/off %.3f, committed/off %.3f; writer %.2f ms CPU and"
                    + " %.0f KB per run%n", b == 0 ? "A" : "B", builds[b], median(on[b]), median(committed[b]),
                    median(cpu[b]), median(kb[b]));
        }
        System.exit(0);
    }

    private static double[] run(Method round, boolean audit, boolean committed, Path dir, int build)
            throws Exception {
        return (double[]) round.invoke(null, LANES, RUNS, audit, committed, dir.resolve("b" + build).toString());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
