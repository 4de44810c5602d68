package dev.baton.ui.shell;

import dev.baton.engine.RunResult;
import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.flow.io.FlowFiles;
import dev.baton.ui.run.RunController;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Fills an audit database with one simulated run of a sample, for the audit browser's tests. */
public final class AuditedRun {

    private AuditedRun() {
    }

    /** Runs {@code sampleFile} on the simulated model, audited into {@code database}; returns the result. */
    public static RunResult simulate(String sampleFile, String input, Path database) throws Exception {
        var flow = FlowFiles.load(Path.of("sample-flows", sampleFile)).flow();
        // view-model updates are applied on the engine's thread: nothing here looks at them
        RunController c = RunController.simulated(flow, SimulatedModel.Settings.DEFAULT, Runnable::run)
                .auditTo(database);
        c.start(input);
        return c.finished().get(60, TimeUnit.SECONDS);
    }
}
