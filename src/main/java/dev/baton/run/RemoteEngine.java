package dev.baton.run;

import dev.baton.audit.AuditWriter;
import dev.baton.engine.HumanInputHandler;
import dev.baton.engine.RunListener;
import dev.baton.engine.RunResult;
import dev.baton.engine.model.ModelProvider;
import dev.baton.flow.Flow;

/**
 * An engine outside this process that runs flows durably: Temporal, present only in the jar that carries its
 * libraries ({@code target/baton-temporal.jar}). Found by name, so that nothing in Baton depends on it.
 */
public interface RemoteEngine extends AutoCloseable {

    /** The class that implements it, in package {@code dev.baton.temporal}. */
    String TEMPORAL = "dev.baton.temporal.TemporalEngine";
    /** A class of Temporal's own: absent from the designer jar. */
    String TEMPORAL_PROBE = "io.temporal.client.WorkflowClient";
    /** What the designer jar says when asked for Temporal. */
    String NEEDS_TEMPORAL_JAR = "Temporal is not in this jar: build target/baton-temporal.jar with"
            + " 'mvn -B -DskipTests -Ptemporal package' and run 'java -jar target/baton-temporal.jar ...'";

    /**
     * Runs {@code flow} (as it will run: {@link RunService#prepare}d) on {@code input} there and follows it: every
     * event reaches {@code listener} once, in order; {@code questions} answers a person's questions (null: the run
     * waits for an answer from elsewhere). Returns when the run ended.
     */
    RunResult run(Flow flow, String input, HumanInputHandler questions, RunListener listener)
            throws InterruptedException;

    /**
     * Starts {@code flow} (prepared) there and returns at once; a thread of its own follows it: every event reaches
     * {@code listener} once, in order, and {@code request}'s handlers are asked as the run asks (tool approvals,
     * breakpoints, questions). The handle answers, resumes and cancels it; its result completes when the run ended.
     *
     * @throws UnsupportedOperationException when this engine cannot steer a run (only {@link #run} it)
     */
    default RemoteRun start(Flow flow, RemoteRequest request, RunListener listener) {
        throw new UnsupportedOperationException(this + " cannot steer a run");
    }

    /**
     * As {@link #start}, and waits for the run's end. Interrupted, it cancels the run and waits a little for it to
     * end CANCELLED.
     */
    default RunResult run(Flow flow, RemoteRequest request, RunListener listener) throws InterruptedException {
        RemoteRun run = start(flow, request, listener);
        try {
            return run.result().get();
        } catch (InterruptedException e) {
            run.cancel();
            throw e;
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
        }
    }

    /**
     * Serves runs as a worker until the thread is interrupted: model calls on {@code models} (keys stay here), tool
     * calls here; the events of the runs it serves are recorded in {@code audit} as they go, each once, in order
     * (null: not recorded).
     */
    void serve(ModelProvider models, AuditWriter audit, dev.baton.secret.Redactor redactor)
            throws InterruptedException;

    @Override
    void close();

    /**
     * Connects to the Temporal frontend at {@code target} (HOST:PORT) for task queue {@code taskQueue}.
     *
     * @throws IllegalStateException with {@link #NEEDS_TEMPORAL_JAR} when Temporal is not in this jar
     */
    static RemoteEngine temporal(String target, String taskQueue) {
        return temporal(target, taskQueue, TEMPORAL_PROBE);
    }

    /** As {@link #temporal(String, String)}, looking for {@code probe} to tell whether Temporal is here (tests). */
    static RemoteEngine temporal(String target, String taskQueue, String probe) {
        try {
            Class.forName(probe, false, RemoteEngine.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(NEEDS_TEMPORAL_JAR, e);
        }
        try {
            return (RemoteEngine) Class.forName(TEMPORAL).getConstructor(String.class, String.class)
                    .newInstance(target, taskQueue);
        } catch (java.lang.reflect.InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new IllegalStateException("cannot reach Temporal at " + target + ": " + cause.getMessage(), cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(NEEDS_TEMPORAL_JAR, e);
        }
    }
}
