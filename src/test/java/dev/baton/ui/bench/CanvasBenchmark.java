package dev.baton.ui.bench;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import dev.baton.ui.document.FlowDocument;
import dev.baton.ui.canvas.FlowCanvas;
import dev.baton.ui.fx.Styles;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Canvas benchmark on a real window (run under Xvfb: the software renderer). Prints the time from handing a flow of
 * 2,000 agents and 4,000 edges to the canvas until its first frame is shown, and the frame times of a scripted pan
 * and pan+zoom at 100 % and zoomed out to fit, each beside the same script on an empty canvas in the same JVM.
 * <p>
 * A frame time is the interval between two pulses as an {@code AnimationTimer} sees them: with
 * {@code -Djavafx.animation.fullspeed=true} pulses follow each other as fast as the FX thread (CSS, layout, the
 * canvas's own drawing) and the render thread (painting the previous frame) allow, so the interval is the real cost
 * of a frame, not of a method call. After the script the view stands still: the slowest of the next frames is the
 * one where the skins come back ("settle").
 */
public final class CanvasBenchmark {

    private static final int FRAMES = 240;
    private static final int SETTLE_FRAMES = 40;
    /** How long the opened view is left at rest before the script starts (ms). */
    private static final int REST_MS = 400;

    private CanvasBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Platform.setImplicitExit(false);
        Platform.runLater(() -> Styles.applyTheme(false));
        Flow big = generate(2000, 4000);
        Flow empty = Flow.empty("empty", "Empty");
        long v0 = System.nanoTime();
        dev.baton.flow.FlowValidator.validate(big);
        System.out.printf("validation of the big flow alone: %.0f ms%n", (System.nanoTime() - v0) / 1e6);
        // warm-up on a small flow so class loading and CSS parsing are not billed to the first frame
        firstFrame(generate(50, 80));
        panZoom(generate(400, 800), false, true);
        double emptyFirst = firstFrame(empty);
        double bigFirst = firstFrame(big);
        System.out.printf("first frame: empty %.0f ms, 2000 nodes/4000 edges %.0f ms (ratio %.1f)%n",
                emptyFirst, bigFirst, bigFirst / emptyFirst);
        for (boolean fit : new boolean[] {false, true}) {
            for (boolean zoom : new boolean[] {false, true}) {
                // -Dbench.case=fit-pan+zoom (or 100-pan …) runs one case only, e.g. under the pulse logger
                String name = (fit ? "fit" : "100") + "-" + (zoom ? "pan+zoom" : "pan");
                if (!System.getProperty("bench.case", name).equals(name)) {
                    continue;
                }
                Result e = panZoom(empty, fit, zoom);
                Result b = panZoom(big, fit, zoom);
                // the empty canvas's frames, same script, same JVM, just before: the machine's own jitter floor
                System.out.printf("%-8s %-9s empty median %5.1f p95 %5.1f worst %4.0f | 2000 nodes median %5.1f p95 %5.1f"
                                + " mean %5.1f worst %4.0f | median ratio %.1f | CPU per frame FX %.1f + render %.1f"
                                + " + worker %.1f (empty %.1f + %.1f) | drawn as %s, settle frame %.0f ms (CPU %.0f ms)%n",
                        fit ? "fit" : "100 %", zoom ? "pan+zoom" : "pan", e.median, e.p95, e.worst, b.median, b.p95,
                        b.mean,
                        b.worst, b.median / e.median, b.fxCpu, b.renderCpu, b.workerCpu, e.fxCpu, e.renderCpu,
                        b.modes, b.settle, b.settleCpu);
                // what the frames cost the FX thread whatever else the machine runs, and what they leave to collect
                System.out.printf("%-18s FX CPU a frame p95 %4.1f max %4.1f (empty %4.1f, %4.1f) | settle worst %4.0f ms,"
                                + " FX CPU max %4.1f (empty %4.1f) | allocated a frame FX %5.0f kB + worker %5.0f kB"
                                + " (empty %4.0f kB) | GC in gesture+settle %d (%d ms)%n",
                        "", b.fxP95, b.fxMax, e.fxP95, e.fxMax, b.settle, b.settleFx, e.settleFx, b.fxAlloc / 1024,
                        b.workerAlloc / 1024, e.fxAlloc / 1024, b.gcs, b.gcMs);
            }
        }
        // frame times depend on what else the machine runs: the load goes beside them, and the collector's pause goal
        // (the installed app runs with -XX:MaxGCPauseMillis=10; G1's default is 200)
        System.out.printf("load average (1 min) at the end: %.1f; GC pause goal %s ms%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                java.lang.management.ManagementFactory.getPlatformMXBean(
                        com.sun.management.HotSpotDiagnosticMXBean.class).getVMOption("MaxGCPauseMillis").getValue());
        Platform.exit();
    }

    /** Frame times of one scripted run (ms), the render modes seen while moving, the slowest frame after it. */
    record Result(double mean, double median, double p95, double worst, String modes, double settle, double fxCpu,
                  double renderCpu, double workerCpu, double settleCpu, double fxP95, double fxMax, double settleFx,
                  double fxAlloc, double workerAlloc, long gcs, long gcMs) {
    }

    /** Bytes the FX thread and the picture worker have allocated so far (0 where the VM does not count them). */
    private static long[] allocated() {
        if (!(java.lang.management.ManagementFactory.getThreadMXBean()
                instanceof com.sun.management.ThreadMXBean threads)) {
            return new long[2];
        }
        long worker = 0;
        for (long id : workerThreads) {
            worker += Math.max(0, threads.getThreadAllocatedBytes(id));
        }
        return new long[] {threads.getThreadAllocatedBytes(Thread.currentThread().getId()), worker};
    }

    /** Collections so far and the time they took (ms), over every collector of the VM. */
    private static long[] collections() {
        long count = 0;
        long ms = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            ms += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, ms};
    }

    private static long[] renderThreads;
    private static long[] workerThreads = new long[0];

    /**
     * CPU time (ns) the FX thread, the render thread and the canvas's picture worker have used so far: frame cost
     * that does not depend on load.
     */
    private static long[] cpu() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long fx = threads.getCurrentThreadCpuTime();
        if (renderThreads == null) {
            // looked up once: walking every thread's stack each frame would itself cost the frame
            renderThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("QuantumRenderer")).mapToLong(Thread::getId).toArray();
        }
        long render = 0;
        for (long id : renderThreads) {
            render += Math.max(0, threads.getThreadCpuTime(id));
        }
        if (workerThreads.length == 0) {
            // made when the first picture is drawn on it
            workerThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("canvas-picture")).mapToLong(Thread::getId).toArray();
        }
        long worker = 0;
        for (long id : workerThreads) {
            worker += Math.max(0, threads.getThreadCpuTime(id));
        }
        return new long[] {fx, render, worker};
    }

    /** A layered random flow: start, 2,000 agents in columns of 40, output; edges between neighbouring columns. */
    static Flow generate(int agents, int edges) {
        Random r = new Random(42);
        List<AgentNode> nodes = new ArrayList<>();
        List<Edge> list = new ArrayList<>();
        nodes.add(AgentNode.of("start", NodeKind.START, "Start").withPosition(-300, 0));
        for (int i = 0; i < agents; i++) {
            nodes.add(AgentNode.of("a" + i, NodeKind.AGENT, "Agent " + i).withRole("Generated agent number " + i)
                    .withPosition((i / 40) * 260.0, (i % 40) * 120.0));
        }
        nodes.add(AgentNode.of("out", NodeKind.OUTPUT, "Output").withPosition((agents / 40 + 1) * 260.0, 0));
        for (int i = 0; i < edges; i++) {
            int a = r.nextInt(agents - 40);
            int b = Math.min(agents - 1, (a / 40 + 1) * 40 + r.nextInt(40));
            list.add(Edge.next("e" + i, "a" + a, "a" + b));
        }
        return new Flow("bench", "Bench", "", null, null, nodes, list);
    }

    private static double firstFrame(Flow flow) throws Exception {
        CompletableFuture<Double> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            long t0 = System.nanoTime();
            Stage stage = new Stage();
            FlowCanvas canvas = new FlowCanvas(new FlowDocument(flow));
            Scene scene = new Scene(new StackPane(canvas), 1440, 900);
            Styles.install(scene);
            stage.setScene(scene);
            stage.show();
            new AnimationTimer() {
                int frames;

                @Override
                public void handle(long now) {
                    // the second pulse after show: the first frame has been rendered by then
                    if (++frames == 2) {
                        stop();
                        result.complete((System.nanoTime() - t0) / 1e6);
                        stage.close();
                    }
                }
            }.start();
        });
        return result.get(60, TimeUnit.SECONDS);
    }

    /** Frame intervals over a scripted pan (and zoom), then the frames while the canvas settles. */
    private static Result panZoom(Flow flow, boolean fit, boolean zoom) throws Exception {
        CompletableFuture<Result> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            Stage stage = new Stage();
            FlowCanvas canvas = new FlowCanvas(new FlowDocument(flow));
            Scene scene = new Scene(new StackPane(canvas), 1440, 900);
            Styles.install(scene);
            stage.setScene(scene);
            stage.show();
            if (fit) {
                canvas.layout();
                canvas.view().fit(FlowCanvas.contentBounds(generate(2000, 0)), 1440, 900);
            }
            new AnimationTimer() {
                int frame;
                long last;
                final double[] times = new double[FRAMES];
                /** The FX thread's CPU time in each frame of the gesture (ms). */
                final double[] fxTimes = new double[FRAMES];
                double settleFx;
                long fxLast;
                long[] allocStart;
                long[] allocEnd;
                long[] gcStart;

                /**
                 * Whether the opened view has been at rest (skins all shown, or the overview) for {@link #REST_MS}:
                 * a user's gesture starts on a settled view, and what the canvas does at rest for the next gesture
                 * (buffers made ahead) is done by then, as it would be.
                 */
                boolean rested(long now) {
                    if (restSince >= 0 && frame == 0) {
                        boolean still = !canvas.renderMode().equals("CARDS") && !canvas.revealing();
                        restSince = still ? (restSince == 0 ? now : restSince) : 0;
                        if (restSince == 0 || (now - restSince) / 1e6 < REST_MS) {
                            last = now;
                            return false;
                        }
                        restSince = -1;
                    }
                    return true;
                }
                final java.util.Set<String> modes = new java.util.TreeSet<>();
                double settle;
                /** The largest FX + render CPU of one settle frame (ms): its cost whatever else the machine runs. */
                double settleCpu;
                long[] cpuLast;
                int still;
                long[] cpuStart;
                long[] cpuEnd;

                /** When the opened view was first seen at rest (0: not yet). */
                long restSince;

                @Override
                public void handle(long now) {
                    if (!rested(now)) {
                        return;
                    }
                    double ms = (now - last) / 1e6;
                    long fxNow = java.lang.management.ManagementFactory.getThreadMXBean()
                            .getCurrentThreadCpuTime();
                    if (frame == 10) {
                        if (Boolean.getBoolean("bench.trace")) {
                            System.err.printf("gesture from %tT.%<tL%n", System.currentTimeMillis());
                        }
                        cpuStart = cpu();
                        allocStart = allocated();
                        gcStart = collections();
                    } else if (frame == FRAMES + 10) {
                        cpuEnd = cpu();
                        allocEnd = allocated();
                    }
                    if (frame > 10 && frame <= FRAMES + 10) {
                        times[frame - 11] = ms;
                        fxTimes[frame - 11] = (fxNow - fxLast) / 1e6;
                        modes.add(canvas.renderMode());
                    } else if (frame > FRAMES + 11) {
                        settle = Math.max(settle, ms);
                        settleFx = Math.max(settleFx, (fxNow - fxLast) / 1e6);
                    }
                    fxLast = fxNow;
                    if (frame > FRAMES + 10) {
                        long[] c = cpu();
                        if (cpuLast != null) {
                            settleCpu = Math.max(settleCpu, (c[0] - cpuLast[0] + c[1] - cpuLast[1]) / 1e6);
                            if (Boolean.getBoolean("bench.trace")) {
                                System.err.printf("settle frame %d: %.1f ms, CPU FX %.1f + render %.1f ms (at %tT.%<tL)%n",
                                        frame, ms, (c[0] - cpuLast[0]) / 1e6, (c[1] - cpuLast[1]) / 1e6,
                                        System.currentTimeMillis());
                            }
                        }
                        cpuLast = c;
                    }
                    last = now;
                    frame++;
                    if (frame <= FRAMES + 10) {
                        // pan right and down, with a gentle zoom in and out
                        canvas.view().panBy(-6, -3);
                        if (zoom) {
                            canvas.view().zoomAt(frame % 120 < 60 ? 1.004 : 1 / 1.004, 720, 450);
                        }
                    } else if (!canvas.renderMode().equals("CARDS") && !canvas.revealing() && ++still > 5 && frame >= FRAMES + SETTLE_FRAMES) {
                        stop();
                        double[] sorted = times.clone();
                        java.util.Arrays.sort(sorted);
                        double[] fxSorted = fxTimes.clone();
                        java.util.Arrays.sort(fxSorted);
                        long[] gcEnd = collections();
                        double sum = java.util.Arrays.stream(times).sum();
                        result.complete(new Result(sum / FRAMES, sorted[FRAMES / 2], sorted[FRAMES * 95 / 100],
                                sorted[FRAMES - 1], String.join("+", modes), settle,
                                (cpuEnd[0] - cpuStart[0]) / 1e6 / FRAMES, (cpuEnd[1] - cpuStart[1]) / 1e6 / FRAMES,
                                (cpuEnd[2] - cpuStart[2]) / 1e6 / FRAMES, settleCpu, fxSorted[FRAMES * 95 / 100],
                                fxSorted[FRAMES - 1], settleFx, (allocEnd[0] - allocStart[0]) / (double) FRAMES,
                                (allocEnd[1] - allocStart[1]) / (double) FRAMES, gcEnd[0] - gcStart[0],
                                gcEnd[1] - gcStart[1]));
                        stage.close();
                    }
                }
            }.start();
        });
        return result.get(120, TimeUnit.SECONDS);
    }
}
