package dev.baton.audit;

import dev.baton.engine.EventRecorder;
import dev.baton.engine.FlowRunner;
import dev.baton.engine.RunHandle;
import dev.baton.engine.RunRequest;
import dev.baton.engine.RunResult;
import dev.baton.engine.RunnerOptions;
import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.engine.model.simulated.SimulatedProvider;
import dev.baton.flow.Flow;
import dev.baton.flow.io.FlowFiles;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Runs flows on the simulated model with an audit listener and a plain recording listener side by side. */
final class AuditTestRuns {

    static final RunnerOptions FAST = RunnerOptions.DEFAULT.withBackoff(Duration.ofMillis(1), Duration.ofMillis(5));

    private AuditTestRuns() {
    }


    /** A finished, fully committed run. */
    record Done(RunResult result, EventRecorder recorder) {
    }

    static Flow sample(String name) throws Exception {
        return FlowFiles.load(Path.of("sample-flows", name)).flow();
    }

    static FlowRunner simulatedRunner(long seed) {
        return FlowRunner.create(new SimulatedProvider(SimulatedModel.Settings.DEFAULT.withSeed(seed)), FAST);
    }

    /** Runs {@code flow} to its end and waits until the audit writer committed its last event. */
    static Done run(AuditWriter writer, FlowRunner runner, Flow flow, String input) throws Exception {
        EventRecorder rec = new EventRecorder();
        AuditListener audit = writer.listenerFor(flow);
        RunHandle h = runner.start(flow, RunRequest.of(input).withoutHumanInput(), audit, rec);
        RunResult r = h.result().get(30, TimeUnit.SECONDS);
        if (!audit.awaitCommitted(Duration.ofSeconds(30)) || !h.awaitEventsDelivered(Duration.ofSeconds(10))) {
            throw new AssertionError("the run's events were not committed in time");
        }
        return new Done(r, rec);
    }
}
