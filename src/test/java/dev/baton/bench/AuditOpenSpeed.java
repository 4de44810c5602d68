package dev.baton.bench;

import dev.baton.audit.AuditWriter;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * How long a writer's open takes on a big database (e.g. the 10,000-run one {@link AuditListSpeed} makes): the first
 * open, then the median of the next ones, each opened and closed at once. Run it with two builds in turn on copies of
 * the same file:
 * <pre>{@code
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.baton.bench.AuditOpenSpeed DB [opens]
 * }</pre>
 */
public final class AuditOpenSpeed {

    private AuditOpenSpeed() {
    }

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        int opens = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        double[] ms = new double[opens];
        for (int i = 0; i < opens; i++) {
            long t0 = System.nanoTime();
            try (AuditWriter writer = AuditWriter.open(db)) {
                ms[i] = (System.nanoTime() - t0) / 1e6;
                writer.recoveredRuns();
            }
        }
        double[] rest = Arrays.copyOfRange(ms, 1, opens);
        Arrays.sort(rest);
        System.out.printf(Locale.ROOT, "writer open: first %.1f ms, then median %.1f ms (min %.1f, max %.1f) of %d%n",
                ms[0], rest[rest.length / 2], rest[0], rest[rest.length - 1], rest.length);
        System.exit(0);
    }
}
