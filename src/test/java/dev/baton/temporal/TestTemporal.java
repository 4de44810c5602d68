package dev.baton.temporal;

import dev.baton.audit.AuditWriter;
import dev.baton.engine.model.provider.ModelProviders;
import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.secret.Redactor;
import io.temporal.testing.TestWorkflowEnvironment;

import java.nio.file.Path;

/**
 * The set-up the Temporal tests share: Temporal's in-process test server with one worker on {@code queue} serving
 * the simulated model (and MCP servers when given), recording into an audit file of its own, and a client for runs.
 */
final class TestTemporal implements AutoCloseable {

    final TestWorkflowEnvironment env;
    final AuditWriter audit;
    final TemporalRuns runs;

    private TestTemporal(TestWorkflowEnvironment env, AuditWriter audit, TemporalRuns runs) {
        this.env = env;
        this.audit = audit;
        this.runs = runs;
    }

    /** Starts the server and a worker on {@code queue}, the audit in {@code dir}/audit. */
    static TestTemporal start(Path dir, String queue) throws Exception {
        return start(dir, queue, null);
    }

    /** As {@link #start(Path, String)}, the worker also serving {@code mcp}'s servers (null: none). */
    static TestTemporal start(Path dir, String queue, WorkerMcp mcp) throws Exception {
        TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
        AuditWriter audit = AuditWriter.open(dir.resolve("audit"));
        WorkerActivities activities = new WorkerActivities(ModelProviders.routing(SimulatedModel.Settings.DEFAULT),
                audit, Redactor.shapesOnly());
        if (mcp == null) {
            TemporalWorker.register(env.getWorkerFactory(), queue, activities);
        } else {
            TemporalWorker.register(env.getWorkerFactory(), queue, activities, mcp);
        }
        env.start();
        return new TestTemporal(env, audit, new TemporalRuns(env.getWorkflowClient(), queue));
    }

    @Override
    public void close() throws Exception {
        env.close();
        audit.close();
    }
}
