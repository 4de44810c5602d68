package dev.baton.engine;

import dev.baton.engine.model.ModelProvider;
import dev.baton.flow.Flow;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs flows in tests and collects their events. */
final class Runs {

    static final RunnerOptions FAST_RETRY = RunnerOptions.DEFAULT.withBackoff(Duration.ofMillis(1),
            Duration.ofMillis(5));


    /** The outcome of a finished run with all its events delivered. */
    record Outcome(RunResult result, EventRecorder recorder, RunHandle handle) {
        <T extends RunEvent> List<T> events(Class<T> type) {
            return recorder.of(type);
        }

        List<RunEvent> all() {
            return recorder.events;
        }
    }

    static FlowRunner runner(ModelProvider provider) {
        return FlowRunner.create(provider, FAST_RETRY);
    }

    static Outcome run(ModelProvider provider, Flow flow, RunRequest request) throws Exception {
        EventRecorder rec = new EventRecorder();
        RunHandle h = runner(provider).start(flow, request, rec);
        RunResult r = h.result().get(20, TimeUnit.SECONDS);
        if (!h.awaitEventsDelivered(Duration.ofSeconds(5))) {
            throw new AssertionError("events not delivered");
        }
        return new Outcome(r, rec, h);
    }

    static Outcome run(ModelProvider provider, Flow flow, String input) throws Exception {
        return run(provider, flow, RunRequest.of(input));
    }
}
