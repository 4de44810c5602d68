package dev.baton.temporal;

import dev.baton.audit.AuditWriter;
import dev.baton.engine.FlowRunner;
import dev.baton.engine.RunEvent;
import dev.baton.engine.RunRequest;
import dev.baton.engine.RunnerOptions;
import dev.baton.engine.model.ModelProvider;
import dev.baton.engine.model.provider.ModelProviders;
import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.flow.Flow;
import dev.baton.flow.io.FlowJson;
import dev.baton.secret.Redactor;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * 100 runs of the chain sample on Temporal's in-process test server across two workers (two worker factories in this
 * JVM: one process, two pollers' worth of workers), against a bare workflow that makes the same activity calls with
 * the same inputs (the model calls carry the same pieces of events, renamed to its own run) and records the same
 * events, and against the embedded engine. Not a test: run it by hand (README).
 */
public final class TemporalBench {

    static final String QUEUE = "bench";
    static final int RUNS = 100;

    /** The same activities as a Baton run, without Baton's workflow code: the model calls in order, then the record. */
    @WorkflowInterface
    public interface BareWorkflow {
        @WorkflowMethod(name = "BareRun")
        long run(List<Wire.ModelCall> calls, Wire.Recording recording);
    }

    /** The bare workflow. */
    public static final class BareWorkflowImpl implements BareWorkflow {
        @Override
        public long run(List<Wire.ModelCall> calls, Wire.Recording recording) {
            BatonActivities a = Workflow.newActivityStub(BatonActivities.class, ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(60)).build());
            long chars = 0;
            for (Wire.ModelCall call : calls) {
                chars += a.callModel(call).reply().text().length();
            }
            a.record(recording);
            return chars;
        }
    }

    /** Keeps the model calls of one run (to feed the bare workflow the same inputs). */
    static final class Capturing extends WorkerActivitiesDelegate {
        final List<Wire.ModelCall> calls = Collections.synchronizedList(new ArrayList<>());

        Capturing(BatonActivities inner) {
            super(inner);
        }

        volatile boolean on = true;

        @Override
        public Wire.ModelAnswer callModel(Wire.ModelCall call) {
            if (on) {
                calls.add(call);
            }
            return super.callModel(call);
        }
    }

    /** Passes every activity on. */
    static class WorkerActivitiesDelegate implements BatonActivities {
        private final BatonActivities inner;

        WorkerActivitiesDelegate(BatonActivities inner) {
            this.inner = inner;
        }

        @Override
        public Wire.ModelAnswer callModel(Wire.ModelCall call) {
            return inner.callModel(call);
        }

        @Override
        public Wire.ToolAnswer callTool(Wire.ToolCallInput call) {
            return inner.callTool(call);
        }

        @Override
        public long record(Wire.Recording recording) {
            return inner.record(recording);
        }
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("baton-temporal-bench");
        Flow flow = FlowJson.read(Files.readString(Path.of("sample-flows", "chain-blog-article.json"))).flow();
        String input = "Write a short article on heat pumps for homeowners.";
        ModelProvider sim = ModelProviders.routing(SimulatedModel.Settings.DEFAULT);
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
             AuditWriter audit = AuditWriter.open(dir.resolve("audit"))) {
            WorkerActivities real = new WorkerActivities(sim, audit, Redactor.shapesOnly());
            Capturing capture = new Capturing(real);
            List<WorkerFactory> factories = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                WorkerFactory f = WorkerFactory.newInstance(env.getWorkflowClient());
                Worker w = TemporalWorker.register(f, QUEUE, capture);
                w.registerWorkflowImplementationTypes(BareWorkflowImpl.class);
                f.start();
                factories.add(f);
            }
            env.start();
            WorkflowClient client = env.getWorkflowClient();
            TemporalRuns runs = new TemporalRuns(client, QUEUE);

            // one Baton run to learn its activity inputs and events
            String firstId = TemporalRuns.newRunId();
            List<RunEvent> events = new ArrayList<>();
            runs.start(firstId, flow, input, true);
            runs.follow(firstId, events::add, Duration.ofMillis(20));
            capture.on = false;
            List<Wire.ModelCall> calls = List.copyOf(capture.calls);
            List<String> wire = events.stream().map(WireEvents::encode).toList();
            int activities = calls.size() + 1;

            for (int round = 1; round <= 3; round++) { // round 1 warms the JIT up
                double baton = batch(() -> {
                    String id = TemporalRuns.newRunId();
                    return runs.start(id, flow, input, true).getResultAsync(Wire.RunOutcome.class);
                });
                double bare = batch(() -> {
                    String id = TemporalRuns.newRunId();
                    List<String> renamed = wire.stream().map(j -> j.replace(firstId, id)).toList();
                    BareWorkflow b = client.newWorkflowStub(BareWorkflow.class, WorkflowOptions.newBuilder()
                            .setWorkflowId(id).setTaskQueue(QUEUE).build());
                    WorkflowClient.start(b::run, renamed(calls, firstId, id),
                            new Wire.Recording(id, FlowJson.write(flow), renamed));
                    return WorkflowStub.fromTyped(b).getResultAsync(Long.class);
                });
                System.out.printf(Locale.ROOT, "round %d: %d runs x %d activities: Baton on Temporal %.0f ms"
                        + " (%.1f runs/s, %.2f ms per activity), bare workflow %.0f ms (%.2f ms per activity),"
                        + " ratio %.2f%n", round, RUNS, activities, baton, RUNS * 1000 / baton,
                        baton / (RUNS * activities), bare, bare / (RUNS * activities), baton / bare);
            }

            FlowRunner local = FlowRunner.create(sim, RunnerOptions.DEFAULT);
            for (int i = 0; i < 20; i++) {
                local.run(flow, RunRequest.of(input));
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < RUNS; i++) {
                local.run(flow, RunRequest.of(input));
            }
            double embedded = (System.nanoTime() - t0) / 1e6;
            System.out.printf(Locale.ROOT, "embedded engine (no audit): %d runs %.0f ms, %.3f ms per model call%n",
                    RUNS, embedded, embedded / (RUNS * calls.size()));
            for (WorkerFactory f : factories) {
                f.shutdownNow();
            }
        }
    }

    /** The calls with the events they carry renamed to run {@code to}: each bare run records its own events. */
    static List<Wire.ModelCall> renamed(List<Wire.ModelCall> calls, String from, String to) {
        List<Wire.ModelCall> out = new ArrayList<>();
        for (Wire.ModelCall c : calls) {
            Wire.Recording r = c.recording();
            Wire.Recording piece = r == null ? null : new Wire.Recording(to, r.flowJson(),
                    r.events().stream().map(j -> j.replace(from, to)).toList());
            out.add(new Wire.ModelCall(to, c.nodeId(), c.model(), c.messages(), c.tools(), c.json(), piece));
        }
        return out;
    }

    /** Starts {@link #RUNS} workflows at once, waits for all; the wall time in ms. */
    private static double batch(java.util.concurrent.Callable<CompletableFuture<?>> start) throws Exception {
        long t0 = System.nanoTime();
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            all.add(start.call());
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        return (System.nanoTime() - t0) / 1e6;
    }
}
