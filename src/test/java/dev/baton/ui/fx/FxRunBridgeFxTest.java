package dev.baton.ui.fx;

import dev.baton.engine.RunEvent;
import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.flow.Flow;
import dev.baton.flow.io.FlowFiles;
import dev.baton.ui.run.NodeRunState;
import dev.baton.ui.run.RunController;
import dev.baton.ui.run.RunPhase;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The bridge on the real JavaFX application thread (Monocle headless). */
class FxRunBridgeFxTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void eventsFromManyEngineThreadsArriveOnTheFxThreadInTheirOrderWithFewRunLaters() throws Exception {
        AtomicInteger runLaters = new AtomicInteger();
        Executor counting = r -> {
            runLaters.incrementAndGet();
            Platform.runLater(r);
        };
        int producers = 4;
        int each = 5_000;
        Map<String, Long> lastSeqByProducer = new ConcurrentHashMap<>();
        AtomicInteger offThread = new AtomicInteger();
        AtomicInteger outOfOrder = new AtomicInteger();
        AtomicInteger applied = new AtomicInteger();
        FxRunBridge bridge = new FxRunBridge(counting, e -> {
            if (!Platform.isFxApplicationThread()) {
                offThread.incrementAndGet();
            }
            Long before = lastSeqByProducer.put(e.nodeId(), e.seq());
            if (before != null && before >= e.seq()) {
                outOfOrder.incrementAndGet();
            }
            applied.incrementAndGet();
        }, FxRunBridge.DEFAULT_SLICE_ITEMS, FxRunBridge.DEFAULT_SLICE_TIME);

        CountDownLatch done = new CountDownLatch(producers);
        for (int p = 0; p < producers; p++) {
            String node = "producer-" + p;
            Thread t = new Thread(() -> {
                for (long s = 1; s <= each; s++) {
                    bridge.onEvent(new RunEvent.TokenChunk("run-1", s, Instant.EPOCH, node, "", "x"));
                }
                done.countDown();
            });
            t.start();
        }
        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> marker = new CompletableFuture<>();
        bridge.post(() -> marker.complete(null));
        marker.get(20, TimeUnit.SECONDS);

        assertThat(applied).hasValue(producers * each);
        assertThat(offThread).hasValue(0);
        assertThat(outOfOrder).hasValue(0);
        // coalesced: far fewer runLater calls than events
        assertThat(runLaters.get()).isLessThan(producers * each / 10);
    }

    @Test
    void aSampleRunDrivesTheViewModelOnTheFxThread() throws Exception {
        Flow flow = FlowFiles.load(Path.of("sample-flows", "chain-blog-article.json")).flow();
        RunController c = RunController.simulated(flow, SimulatedModel.Settings.DEFAULT, Platform::runLater);
        c.start("Write a blog article about heat pumps in cold climates");
        c.finished().get(30, TimeUnit.SECONDS);
        CompletableFuture<RunPhase> phase = new CompletableFuture<>();
        c.bridge().post(() -> phase.complete(c.viewModel().phaseProperty().get()));
        assertThat(phase.get(10, TimeUnit.SECONDS)).isEqualTo(RunPhase.SUCCEEDED);
        CompletableFuture<NodeRunState> writer = new CompletableFuture<>();
        Platform.runLater(() -> writer.complete(c.viewModel().node("writer").state()));
        assertThat(writer.get(10, TimeUnit.SECONDS)).isEqualTo(NodeRunState.DONE);
    }
}
