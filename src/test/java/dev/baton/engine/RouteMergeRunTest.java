package dev.baton.engine;

import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.engine.model.simulated.SimulatedProvider;
import dev.baton.flow.Flow;
import dev.baton.importer.ImportResult;
import dev.baton.importer.Importers;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A node reached only by routes of two routers (the OUTPUT after "findings are enough" and after a bounded loop is
 * done) runs on whichever route arrives: the router inside the loop decides its routes only when the loop reaches it,
 * so waiting for all of them hung the run (the shape of Flowise's "Deep Research With Subagents" template).
 */
class RouteMergeRunTest {

    @Test
    void aNodeReachedByTheRoutesOfTwoRoutersRunsOnTheOneTaken() throws Exception {
        ImportResult imported = Importers.importFrom(
                Path.of("src/test/resources/import/flowise/iteration-subagent-loop.json"), "flowise");
        assertThat(imported.valid()).as(imported.problems().toString()).isTrue();
        Flow flow = imported.flow();

        RunResult result = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            FlowRunner runner = FlowRunner.create(new SimulatedProvider(SimulatedModel.Settings.DEFAULT),
                    RunnerOptions.DEFAULT);
            RunHandle h = runner.start(flow, RunRequest.of("topic"));
            return h.result().get(45, TimeUnit.SECONDS);
        });

        assertThat(result.status()).as(String.valueOf(result.cause())).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result.output()).isNotBlank();
    }
}
