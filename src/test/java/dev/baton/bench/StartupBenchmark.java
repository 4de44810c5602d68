package dev.baton.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Start-up, side by side: {@code java -jar target/baton.jar} (a fresh Baton home, no flow to open) until the
 * window's first frame is drawn ("window", the "Starting Baton…" frame) and until the designer's first frame is
 * ("ready"), against a bare JavaFX window started from the same jar. Whole processes, alternated, each ending itself
 * at that frame ({@code -Dbaton.startupProbe}); medians and the median of the per-pair ratios. Needs a display
 * (Xvfb) and {@code mvn package} first. {@code -Dbench.rounds=N} pairs (default 7). {@code -Dbench.cds=FILE} adds a
 * third process to each round, Baton with that class-data-sharing archive ({@code -XX:SharedArchiveFile}; make one
 * with {@code -XX:ArchiveClassesAtExit=FILE -Dbaton.startupProbe=ready -jar target/baton.jar}).
 */
public final class StartupBenchmark {

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 7);
        Path jar = Path.of("target", "baton.jar").toAbsolutePath();
        String tests = Path.of("target", "test-classes").toAbsolutePath().toString();
        Path home = Files.createTempDirectory("baton-startup-home");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> bare = List.of(java, "-Dbaton.startupProbe=window", "-cp", jar + File.pathSeparator + tests,
                "dev.baton.bench.BareWindow$Main");
        System.out.printf(Locale.ROOT, "start-up, %d pairs alternated (%d cores)%n", rounds,
                Runtime.getRuntime().availableProcessors());
        for (String until : List.of("window", "ready")) {
            List<String> baton = List.of(java, "-Dbaton.startupProbe=" + until, "-Dbaton.home=" + home, "-jar",
                    jar.toString());
            time(baton); // warm-up of the file cache
            time(bare);
            String cds = System.getProperty("bench.cds");
            List<String> shared = new ArrayList<>(baton);
            shared.add(1, "-XX:SharedArchiveFile=" + Path.of(cds == null ? "none" : cds).toAbsolutePath());
            double[] a = new double[rounds];
            double[] b = new double[rounds];
            double[] c = new double[rounds];
            double[] ratio = new double[rounds];
            double[] cdsRatio = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                a[i] = time(baton);
                b[i] = time(bare);
                ratio[i] = a[i] / b[i];
                if (cds != null) {
                    c[i] = time(shared);
                    cdsRatio[i] = c[i] / b[i];
                }
            }
            System.out.printf(Locale.ROOT, "  designer %-6s %.2f s, bare JavaFX window %.2f s: ratio %.2f (pairs %s)%n",
                    until, median(a), median(b), median(ratio), Arrays.toString(Arrays.stream(ratio)
                            .map(r -> Math.round(r * 100) / 100.0).toArray()));
            if (cds != null) {
                System.out.printf(Locale.ROOT, "  with the CDS archive %-6s %.2f s: ratio %.2f to the bare window (%s)%n",
                        until, median(c), median(cdsRatio), Arrays.toString(Arrays.stream(cdsRatio)
                                .map(r -> Math.round(r * 100) / 100.0).toArray()));
            }
        }
    }

    /** Seconds from starting the process until it exited (it exits itself at the probed frame). */
    private static double time(List<String> command) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("no frame within 120 s: " + command);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("exit " + p.exitValue() + ": " + command);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
