package dev.baton.temporal;

import dev.baton.engine.FlowRunner;
import dev.baton.engine.RunEvent;
import dev.baton.engine.RunHandle;
import dev.baton.engine.RunListener;
import dev.baton.engine.RunRequest;
import dev.baton.engine.RunResult;
import dev.baton.engine.RunnerOptions;
import dev.baton.flow.Flow;
import dev.baton.flow.io.FlowJson;
import dev.baton.flow.io.FlowLoadException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Baton run as workflow code: the embedded engine's own deciding code and events ({@link FlowRunner#hosted}), with
 * model and tool calls as activities and waits as workflow waits, so that a worker that replays the history makes
 * the same decisions and numbers the same events. The events are kept here (the live query reads them) and recorded
 * in the workers' audit database as the run goes ({@link EventRecorder}): each once, whichever worker records it.
 */
public final class BatonWorkflowImpl implements BatonWorkflow {

    private final List<RunEvent> events = new ArrayList<>();
    /** Breakpoints and approvals: signals may come before the run method reads its input, so it exists from the start. */
    private final WorkflowGate gate = new WorkflowGate();
    private RunHandle handle;

    @Override
    public Wire.RunOutcome run(Wire.RunInput input) {
        Flow flow;
        try {
            flow = FlowJson.read(input.flowJson()).flow();
        } catch (FlowLoadException e) {
            throw ApplicationFailure.newNonRetryableFailure("the flow cannot be read: " + e.getMessage(),
                    "baton.flow");
        }
        WorkflowHost host = new WorkflowHost(input.runId(), flow.tools().httpAllowHosts(),
                flow.tools().workspace());
        // one model attempt per activity attempt: Temporal retries; every chunk of a reply in one event (a reply
        // arrives whole from its activity, and a count that depended on timing would not replay)
        RunnerOptions options = RunnerOptions.DEFAULT.withProviderAttempts(1)
                .withTokenChunkWindow(Duration.ofDays(365));
        options = new RunnerOptions(options.providerAttempts(), options.backoffBase(), options.backoffMax(),
                options.seed(), WorkflowHost.clock(), options.tokenChunkWindow());
        EventRecorder recorder = new EventRecorder(input.runId(), input.flowJson(), events);
        FlowRunner runner = FlowRunner.hosted(new ModelActivity(input.runId(), flow.limits().agentTimeout(),
                recorder), host, options, host);
        gate.configure(input);
        RunRequest request = new RunRequest(input.input(), null, input.humanInputAllowed(), gate, null, null,
                WorkflowServers.tools(flow, host));
        RunListener.Inline keep = e -> {
            events.add(e);
            recorder.onEvent(e);
        };
        handle = runner.start(flow, request, input.runId(), keep);
        CanceledFailure cancelled = null;
        try {
            Workflow.await(() -> handle.result().isDone());
        } catch (CanceledFailure e) {
            cancelled = e;
            handle.cancel(); // the run ends CANCELLED now, with its terminal event
        }
        RunResult result = handle.result().join();
        recorder.finish(); // the rest of the events, stored before the run reports its end
        if (cancelled != null) {
            throw cancelled;
        }
        return new Wire.RunOutcome(result.runId(), result.status().name(), result.output(), result.nodeId(),
                result.cause(), events.size());
    }

    @Override
    public void answer(String requestId, String text) {
        if (handle != null) {
            handle.answer(requestId, text);
        }
    }

    @Override
    public Wire.Progress progress(long afterSeq, int max) {
        return new Wire.Progress(events(afterSeq, max), gate.paused());
    }

    @Override
    public void approveTool(Wire.Approval approval) {
        if (approval != null && approval.requestId() != null) {
            gate.approve(approval);
        }
    }

    @Override
    public void resume(long pauseId, String text) {
        gate.resume(pauseId, text);
    }

    @Override
    public void breakpoints(Wire.Breakpoints breakpoints) {
        gate.breakpoints(breakpoints);
    }

    @Override
    public List<String> events(long afterSeq, int max) {
        List<String> out = new ArrayList<>();
        for (int i = (int) Math.max(0, afterSeq); i < events.size() && out.size() < max; i++) {
            out.add(WireEvents.encode(events.get(i)));
        }
        return out;
    }
}
