package dev.baton.tool.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Tool-loop overhead per call, side by side in one JVM: Baton's engine against LangChain4j's own loop (AiServices
 * with an {@code @Tool} method), both on a zero-latency stub model doing the same calculator work (see
 * {@link ToolLoopSides}). Each round times, for each side in an order that rotates round by round, a run with
 * {@code bench.calls} tool calls and a run with none; the per-call figure is their difference divided by the calls,
 * so what a run costs apart from its tool calls (starting the run, the nodes, the last model reply) is left out on
 * both sides. The calculator's own work is timed alone too (the same on both sides). Each figure is reported as wall
 * clock, as the calling thread's CPU time (both sides do all their work on it; on a loaded machine the wall clock
 * mostly measures the scheduler) and as bytes allocated; medians over the rounds, and the ratio is also taken round
 * by round (same minutes, same load) and its median printed. Given two class folders, the Baton side runs twice, once per build, each in its own
 * class loader (old and new code in the same rounds):
 * <pre>{@code
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.baton.tool.bench.ToolLoopBench \
 *     [OLD/target/classes NEW/target/classes]
 * }</pre>
 * System properties: {@code bench.tool=calculator|current_time} (the tool both loops call, see {@link ToolLoopSides}),
 * {@code bench.rounds} (default 300), {@code bench.calls} (50), {@code bench.only=baton|peer}
 * (loop one side for {@code bench.seconds}, e.g. under a profiler).
 */
public final class ToolLoopBench {

    private ToolLoopBench() {
    }

    /** One side: a name and its timed run of n calls. */
    private record Side(String name, Method run) {
        long time(int calls) throws Exception {
            return (long) run.invoke(null, calls);
        }
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 300);
        int calls = Integer.getInteger("bench.calls", 50);
        List<Side> sides = new ArrayList<>();
        if (args.length >= 2) {
            sides.add(new Side("Baton (" + args[0] + ")", load(args[0]).getMethod("baton", int.class)));
            sides.add(new Side("Baton (" + args[1] + ")", load(args[1]).getMethod("baton", int.class)));
        } else {
            sides.add(new Side("Baton engine", ToolLoopSides.class.getMethod("baton", int.class)));
        }
        Side peer = new Side("LangChain4j loop", ToolLoopSides.class.getMethod("peer", int.class));
        sides.add(peer);
        sides.add(new Side("the " + ToolLoopSides.TOOL + " alone", ToolLoopSides.class.getMethod("tool", int.class)));
        String only = System.getProperty("bench.only", "");
        if (!only.isEmpty()) {
            profile(only.equals("peer") ? peer : sides.get(0), calls);
            return;
        }
        for (int i = 0; i < 300; i++) { // JIT warm-up of both paths of every side
            for (Side s : sides) {
                s.time(calls);
                s.time(0);
            }
        }
        int n = sides.size();
        double[][] wall = new double[n][rounds];
        double[][] cpu = new double[n][rounds];
        double[][] whole = new double[n][rounds];
        double[][] bytes = new double[n][rounds];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < n; k++) {
                int s = (r + k) % n; // who goes first rotates
                Side side = sides.get(s);
                boolean emptyFirst = r % 2 == 0;
                long[] empty = emptyFirst ? timed(side, 0, threads) : null;
                long[] full = timed(side, calls, threads);
                if (!emptyFirst) {
                    empty = timed(side, 0, threads);
                }
                wall[s][r] = (full[0] - empty[0]) / 1000.0 / calls;
                cpu[s][r] = (full[1] - empty[1]) / 1000.0 / calls;
                whole[s][r] = full[0] / 1000.0 / calls;
                bytes[s][r] = (full[2] - empty[2]) / (double) calls;
            }
        }
        System.out.printf(Locale.ROOT, "tool loop, %d %s calls per run against none, %d rounds, medians"
                + " (load average %.1f):%n", calls, ToolLoopSides.TOOL, rounds, ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage());
        report("wall clock", sides, wall, whole);
        report("CPU time of the calling thread (where both sides do all their work)", sides, cpu, null);
        System.out.println(" allocated by the calling thread per call:");
        for (int s = 0; s < n; s++) {
            System.out.printf(Locale.ROOT, "  %-34s %7.0f bytes%n", sides.get(s).name(), median(bytes[s]));
        }
        System.out.println("  goal: Baton <= 0.5 x the peer's time per call");
        System.exit(0);
    }

    /** Wall-clock and this thread's CPU nanoseconds of one run, and the bytes this thread allocated. */
    private static long[] timed(Side side, int calls, ThreadMXBean threads) throws Exception {
        com.sun.management.ThreadMXBean allocation = (com.sun.management.ThreadMXBean) threads;
        long id = Thread.currentThread().getId();
        long allocated = allocation.getThreadAllocatedBytes(id);
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = side.time(calls);
        long cpuAfter = threads.getCurrentThreadCpuTime();
        return new long[]{wall, cpuAfter - cpu, allocation.getThreadAllocatedBytes(id) - allocated};
    }

    private static void report(String what, List<Side> sides, double[][] perCall, double[][] whole) {
        int n = sides.size();
        int p = n - 2; // the peer; the last side is the tool's own work
        int rounds = perCall[0].length;
        double tool = median(perCall[n - 1]);
        System.out.println(" " + what + ":");
        for (int s = 0; s < n; s++) {
            double[] ratio = new double[rounds];
            double[] loopRatio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = perCall[s][r] / perCall[p][r];
                loopRatio[r] = (perCall[s][r] - perCall[n - 1][r]) / (perCall[p][r] - perCall[n - 1][r]);
            }
            System.out.printf(Locale.ROOT, "  %-34s %7.2f µs/call (p10 %.2f, p90 %.2f%s)%n", sides.get(s).name(),
                    median(perCall[s]), quantile(perCall[s], 0.1), quantile(perCall[s], 0.9), whole == null ? ""
                            : String.format(Locale.ROOT, "; whole run / calls %.2f", median(whole[s])));
            if (s < p) {
                System.out.printf(Locale.ROOT, "  %-34s ratio to peer %.2f (median of rounds %.2f); without the"
                                + " tool's own work %.2f µs vs %.2f, ratio %.2f (median of rounds %.2f)%n", "",
                        median(perCall[s]) / median(perCall[p]), median(ratio), median(perCall[s]) - tool,
                        median(perCall[p]) - tool, (median(perCall[s]) - tool) / (median(perCall[p]) - tool),
                        median(loopRatio));
            }
        }
    }

    /** Loops one side for {@code bench.seconds} (default 60), for a profiler to watch. */
    private static void profile(Side side, int calls) throws Exception {
        long end = System.nanoTime() + Long.getLong("bench.seconds", 60) * 1_000_000_000L;
        long runs = 0;
        while (System.nanoTime() < end) {
            side.time(calls);
            runs++;
        }
        System.out.printf(Locale.ROOT, "%s: %d runs of %d calls%n", side.name(), runs, calls);
        System.exit(0);
    }

    /** {@link ToolLoopSides} of the build in {@code classes}, with everything else from this class path. */
    private static Class<?> load(String classes) throws Exception {
        List<URL> urls = new ArrayList<>();
        urls.add(Path.of(classes).toUri().toURL());
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!entry.endsWith("classes") || entry.endsWith("test-classes")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        return loader.loadClass(ToolLoopSides.class.getName());
    }

    private static double median(double[] values) {
        return quantile(values, 0.5);
    }

    private static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))];
    }
}
