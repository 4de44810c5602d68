package dev.baton.ui.run;

import dev.baton.engine.EventRecorder;
import dev.baton.engine.RunResult;
import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.flow.Flow;
import dev.baton.flow.io.FlowFiles;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs samples through a {@link RunController} on a fake FX thread and waits until the view-model saw everything. */
final class LiveRuns {

    static final String SWARM_REFUND = "I was charged twice for my subscription this month and want a refund";

    private LiveRuns() {
    }


    record Done(RunController controller, RunResult result, EventRecorder recorder) {
        RunViewModel vm() {
            return controller.viewModel();
        }
    }

    static Flow sample(String file) throws Exception {
        return FlowFiles.load(Path.of("sample-flows", file)).flow();
    }

    static String inputFor(String file) {
        return switch (file) {
            case "swarm-customer-support.json" -> SWARM_REFUND;
            case "supervisor-market-entry-japan.json" ->
                    "Should we enter the Japanese market with our B2B invoicing SaaS? Budget 2 million euros.";
            case "router-support-intake.json" -> "The app crashes with an error 500 after the installation";
            case "parallel-contract-review.json" ->
                    "Review this contract: the supplier's liability is unlimited; payment within 90 days.";
            default -> "Write a blog article about heat pumps in cold climates";
        };
    }

    /** Starts a controller (breakpoints set by the caller), answers any question with "a", waits for the end. */
    static Done finish(RunController c, FakeFxThread fx, String input) throws Exception {
        EventRecorder rec = new EventRecorder();
        c.listen(rec);
        c.start(input);
        // a critic out of retries may ask the person: accept, as a user would, so that the run can end
        while (!c.finished().isDone()) {
            HumanPrompt p = fx.call(() -> c.viewModel().pendingHumanProperty().get());
            if (p != null) {
                fx.call(() -> c.viewModel().answerHuman("a"));
            }
            Thread.sleep(5);
        }
        RunResult r = c.finished().get(30, TimeUnit.SECONDS);
        drained(c.bridge(), fx);
        return new Done(c, r, rec);
    }

    static Done run(String file, SimulatedModel.Settings sim, FakeFxThread fx, java.nio.file.Path audit)
            throws Exception {
        RunController c = RunController.simulated(sample(file), sim, fx.executor);
        if (audit != null) {
            c.auditTo(audit);
        }
        return finish(c, fx, inputFor(file));
    }

    /** Waits until everything queued on the bridge so far was applied on the fake FX thread. */
    static void drained(dev.baton.ui.fx.FxRunBridge bridge, FakeFxThread fx) throws Exception {
        CompletableFuture<Void> marker = new CompletableFuture<>();
        bridge.post(() -> marker.complete(null));
        marker.get(30, TimeUnit.SECONDS);
        fx.call(() -> null);
    }
}
