package dev.baton.ui.run;

import dev.baton.audit.AuditStore;
import dev.baton.audit.H2AuditStore;
import dev.baton.audit.StoredEvents;
import dev.baton.engine.RunEvent;
import dev.baton.engine.model.simulated.SimulatedModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Replaying a recorded run from the audit database reproduces what the live run showed, without any model. */
class ReplayControllerTest {

    private final FakeFxThread fx = new FakeFxThread();

    @AfterEach
    void stop() {
        fx.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"chain-blog-article.json", "parallel-contract-review.json",
            "supervisor-market-entry-japan.json", "swarm-customer-support.json"})
    void aReplayReproducesTheLiveRunsStateSequenceExactly(String file, @TempDir Path dir) throws Exception {
        Path db = dir.resolve("audit");
        // critics reject often, so that retries and verdicts are part of what must be reproduced
        LiveRuns.Done live = LiveRuns.run(file, SimulatedModel.Settings.DEFAULT.withCriticFailRate(0.6), fx, db);
        List<StateChange> liveStates = fx.call(live.vm()::stateSequenceCopy);
        List<String> liveConsole = fx.call(() -> List.copyOf(live.vm().console()));
        List<TimelineBar> liveBars = fx.call(() -> List.copyOf(live.vm().timeline().bars()));

        try (AuditStore store = H2AuditStore.open(db);
             ReplayController replay = ReplayController.load(store, live.result().runId().substring(0, 12),
                     LiveRuns.sample(file), fx.executor)) {
            assertThat(replay.events()).extracting(RunEvent::seq).isEqualTo(live.recorder().events.stream()
                    .map(RunEvent::seq).toList());
            replay.speedProperty().set(0);
            replay.start();
            replay.finished().get(30, TimeUnit.SECONDS);
            RunViewModel vm = replay.viewModel();
            assertThat(fx.call(vm::stateSequenceCopy)).isEqualTo(liveStates);
            assertThat(fx.call(() -> vm.phaseProperty().get())).isEqualTo(RunPhase.SUCCEEDED);
            assertThat(fx.call(() -> vm.finalOutputProperty().get())).isEqualTo(live.result().output());
            assertThat(fx.call(() -> List.copyOf(vm.console()))).isEqualTo(liveConsole);
            assertThat(fx.call(() -> List.copyOf(vm.timeline().bars()))).isEqualTo(liveBars);
            assertThat(fx.call(() -> vm.tokensUsedProperty().get()))
                    .isEqualTo(fx.call(() -> live.vm().tokensUsedProperty().get()));
        }
    }

    @Test
    void eventsDecodedFromTheDatabaseEqualTheLiveEvents(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("audit");
        LiveRuns.Done live = LiveRuns.run("swarm-customer-support.json", SimulatedModel.Settings.DEFAULT, fx, db);
        try (AuditStore store = H2AuditStore.open(db)) {
            List<RunEvent> decoded = StoredEvents.decode(store.events(live.result().runId()));
            assertThat(decoded).isEqualTo(live.recorder().events);
        }
    }

    @Test
    void pausedReplayFeedsNothingAndStepFeedsOneEventAtATime(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("audit");
        LiveRuns.Done live = LiveRuns.run("chain-blog-article.json", SimulatedModel.Settings.DEFAULT, fx, db);
        try (AuditStore store = H2AuditStore.open(db);
             ReplayController replay = ReplayController.load(store, live.result().runId(), null, fx.executor)) {
            replay.pause();
            replay.start();
            Thread.sleep(50);
            fx.call(() -> null);
            assertThat(fx.call(() -> replay.viewModel().phaseProperty().get())).isEqualTo(RunPhase.NOT_STARTED);
            assertThat(fx.call(() -> replay.pausedProperty().get())).isTrue();

            assertThat(replay.step()).isTrue(); // RunStarted
            assertThat(replay.step()).isTrue(); // topic starts
            fx.call(() -> null);
            assertThat(fx.call(() -> replay.viewModel().phaseProperty().get())).isEqualTo(RunPhase.RUNNING);
            assertThat(fx.call(replay.viewModel()::stateSequenceCopy))
                    .containsExactly(new StateChange("topic", NodeRunState.RUNNING));

            replay.speedProperty().set(0);
            replay.resume();
            replay.finished().get(30, TimeUnit.SECONDS);
            assertThat(fx.call(replay.viewModel()::stateSequenceCopy))
                    .isEqualTo(fx.call(live.vm()::stateSequenceCopy));
            assertThat(replay.step()).isFalse();
        }
    }
}
