package dev.baton.ui.run;

import dev.baton.audit.AuditException;
import dev.baton.audit.AuditV1Fixture;
import dev.baton.engine.EventRecorder;
import dev.baton.engine.FlowRunner;
import dev.baton.engine.RunEvent;
import dev.baton.engine.RunResult;
import dev.baton.engine.RunStatus;
import dev.baton.engine.RunnerOptions;
import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.engine.model.simulated.SimulatedProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The designer starts runs off the FX thread: opening the audit database can take from tens of ms to seconds. */
class BackgroundStartTest {

    private final FakeFxThread fx = new FakeFxThread();

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService listeners = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        fx.close();
        timer.shutdownNow();
        listeners.shutdownNow();
    }

    @Test
    void anAuditDatabaseThatCannotBeOpenedFailsTheStartAndStaysAsItWas(@TempDir Path dir) throws Exception {
        Path foreign = dir.resolve("notes.mv.db");
        Files.writeString(foreign, "my own notes, not a database", StandardCharsets.UTF_8);
        RunController c = RunController.simulated(LiveRuns.sample("chain-blog-article.json"),
                SimulatedModel.Settings.DEFAULT, fx.executor).auditTo(dir.resolve("notes"));
        CompletableFuture<?> started = c.startInBackground("Write about tides", Runnable::run);
        Throwable failure = catchThrowable(() -> started.get(20, TimeUnit.SECONDS));
        assertThat(failure).isInstanceOf(ExecutionException.class).hasRootCauseInstanceOf(AuditException.class);
        assertThat(Files.readString(foreign)).isEqualTo("my own notes, not a database");
        assertThat(c.handle()).isNull();
    }

    @Test
    void theConsoleSaysWhenAnOlderAuditDatabaseIsUpgraded(@TempDir Path dir) throws Exception {
        AuditV1Fixture.copyTo(dir.resolve("old"));
        RunController c = RunController.simulated(LiveRuns.sample("chain-blog-article.json"),
                SimulatedModel.Settings.DEFAULT, fx.executor).auditTo(dir.resolve("old"));
        c.startInBackground("Write about tides", Runnable::run).get(20, TimeUnit.SECONDS);
        assertThat(c.finished().get(20, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.SUCCEEDED);
        List<String> console = fx.call(() -> List.copyOf(c.viewModel().console()));
        assertThat(console).filteredOn(l -> l.startsWith("note: upgrading the audit database ")).singleElement()
                .asString().contains("old.mv.db").contains("from schema version 1 to ");
        // the note comes before the run's own lines
        assertThat(console.get(0)).startsWith("note: upgrading");
    }

    @Test
    void aRunCancelledWhileItsDatabaseOpensEndsCancelledBeforeAnyModelCall(@TempDir Path dir) throws Exception {
        EventRecorder events = new EventRecorder();
        // agent work runs on the thread that starts the run: the whole chain would be over before start() could
        // cancel the handle it gets back, as a fast simulated run on a loaded machine sometimes was (seen in CI)
        FlowRunner inline = new FlowRunner(new SimulatedProvider(SimulatedModel.Settings.DEFAULT), Runnable::run,
                timer, listeners, RunnerOptions.DEFAULT);
        RunController c = new RunController(LiveRuns.sample("chain-blog-article.json"), inline, fx.executor)
                .auditTo(dir.resolve("audit")).listen(events);
        Queue<Runnable> background = new ArrayDeque<>();
        CompletableFuture<?> started = c.startInBackground("Write about tides", background::add);
        c.cancel(); // the user pressed Cancel before the database was open
        background.remove().run();
        started.get(20, TimeUnit.SECONDS);
        RunResult result = c.finished().get(20, TimeUnit.SECONDS);
        assertThat(result.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(events.count(RunEvent.ModelRequested.class)).isZero();
    }
}
