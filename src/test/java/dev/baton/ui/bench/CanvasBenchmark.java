package dev.baton.ui.bench;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import dev.baton.ui.FlowDocument;
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
 * 2,000 agents and 4,000 edges to the canvas until its first frame is shown, and the mean and worst frame time of a
 * scripted pan/zoom at 100 % and zoomed out to fit, each beside the same script on an empty canvas in the same JVM.
 * Run with {@code -Djavafx.animation.fullspeed=true} so frames are not capped at 60 per second.
 */
public final class CanvasBenchmark {

    private static final int FRAMES = 240;

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
        double emptyFirst = firstFrame(empty);
        double bigFirst = firstFrame(big);
        System.out.printf("first frame: empty %.0f ms, 2000 nodes/4000 edges %.0f ms (ratio %.1f)%n",
                emptyFirst, bigFirst, bigFirst / emptyFirst);
        for (boolean fit : new boolean[] {false, true}) {
            if (System.getProperty("bench.only", "").equals(fit ? "100" : "fit")) {
                continue;
            }
            double[] e = panZoom(empty, fit);
            double[] b = panZoom(big, fit);
            System.out.printf("pan/zoom %s: empty mean %.1f ms (median %.1f, p95 %.1f, worst %.0f);"
                    + " 2000 nodes mean %.1f ms (median %.1f, p95 %.1f, worst %.0f); mean ratio %.1f;"
                    + " skins at the end %.0f%n", fit ? "zoomed to fit" : "at 100 %", e[0], e[3], e[4], e[1],
                    b[0], b[3], b[4], b[1], b[0] / e[0], b[2]);
        }
        Platform.exit();
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

    /** Mean and worst frame interval over a scripted pan/zoom, and the skins on screen at the end. */
    private static double[] panZoom(Flow flow, boolean fit) throws Exception {
        CompletableFuture<double[]> result = new CompletableFuture<>();
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
                double sum;
                double worst;
                final double[] times = new double[FRAMES];

                @Override
                public void handle(long now) {
                    if (frame > 10) {
                        double ms = (now - last) / 1e6;
                        times[frame - 11] = ms;
                        sum += ms;
                        worst = Math.max(worst, ms);
                    }
                    last = now;
                    frame++;
                    // pan right and down, with a gentle zoom in and out
                    canvas.view().panBy(-6, -3);
                    if (!Boolean.getBoolean("bench.panOnly")) {
                        canvas.view().zoomAt(frame % 120 < 60 ? 1.004 : 1 / 1.004, 720, 450);
                    }
                    if (frame == FRAMES + 11) {
                        stop();
                        double[] sorted = times.clone();
                        java.util.Arrays.sort(sorted);
                        result.complete(new double[] {sum / FRAMES, worst, canvas.skinCount(), sorted[FRAMES / 2],
                                sorted[FRAMES * 95 / 100]});
                        stage.close();
                    }
                }
            }.start();
        });
        return result.get(120, TimeUnit.SECONDS);
    }
}
