package dev.baton.ui.panels;

import dev.baton.engine.model.AgentModel;
import dev.baton.engine.model.ModelProvider;
import dev.baton.engine.model.SimulatedModel;
import dev.baton.engine.model.SimulatedProvider;
import dev.baton.engine.model.provider.ChatModelFactory;
import dev.baton.engine.model.provider.Credentials;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Flow;
import dev.baton.flow.FlowValidator;
import dev.baton.flow.ModelRef;
import dev.baton.flow.Problem;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the designer checks and builds before a run: validation errors, missing credentials, and the model provider
 * that serves simulated references offline and every other one through LangChain4j (never a silent fallback).
 */
public final class RunPanelLauncher {

    /** How long a real provider may stay silent before a call times out. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private RunPanelLauncher() {
    }

    /** The validator's errors: any one of them stops the run. */
    public static List<Problem> errors(Flow flow) {
        return FlowValidator.validate(flow).stream().filter(Problem::isError).toList();
    }

    /** The models the flow's model-calling nodes use, in order of first use. */
    public static List<ModelRef> models(Flow flow) {
        Set<ModelRef> refs = new LinkedHashSet<>();
        for (AgentNode n : flow.nodes()) {
            if (n.kind().callsModel()) {
                refs.add(n.effectiveModel(flow.defaultModel()));
            }
        }
        return List.copyOf(refs);
    }

    /** "provider/model" labels of the models used, for the status bar. */
    public static String providerLabels(Flow flow) {
        return String.join(", ", models(flow).stream().map(ModelRef::label).distinct().toList());
    }

    /** True when any node runs on the simulated model (the canvas then says so). */
    public static boolean usesSimulated(Flow flow) {
        return models(flow).stream().anyMatch(ModelRef::isSimulated);
    }

    /** One message per model lacking credentials; each names the variable to set. */
    public static List<String> missingCredentials(Flow flow, ModelProvider provider) {
        Set<String> missing = new LinkedHashSet<>();
        for (ModelRef ref : models(flow)) {
            String m = provider.missingCredentials(ref);
            if (m != null) {
                missing.add(m);
            }
        }
        return List.copyOf(missing);
    }

    /**
     * The simulated model's settings: system properties {@code baton.sim.latency} (ms per call) and
     * {@code baton.sim.tps} (streamed tokens per second) slow it down so that a run can be watched.
     */
    public static SimulatedModel.Settings simulatedSettings() {
        long latency = Long.getLong("baton.sim.latency", 0);
        int tps = Integer.getInteger("baton.sim.tps", 0);
        return SimulatedModel.Settings.DEFAULT.withLatency(Duration.ofMillis(Math.max(0, latency)), Math.max(0, tps));
    }

    /** Simulated references on the simulated model, the rest on real providers (keys from the environment). */
    public static ModelProvider routing(SimulatedModel.Settings simulated) {
        return routing(simulated, () -> new ChatModelFactory(Credentials.fromSystem(), REQUEST_TIMEOUT));
    }

    /** As {@link #routing(SimulatedModel.Settings)}, with the real provider built on first need. */
    public static ModelProvider routing(SimulatedModel.Settings simulated, Supplier<ModelProvider> realProvider) {
        SimulatedProvider sim = new SimulatedProvider(simulated);
        return new ModelProvider() {
            private ModelProvider real;

            private synchronized ModelProvider real() {
                if (real == null) {
                    real = realProvider.get();
                }
                return real;
            }

            @Override
            public String missingCredentials(ModelRef ref) {
                return ref.isSimulated() ? sim.missingCredentials(ref) : real().missingCredentials(ref);
            }

            @Override
            public AgentModel model(ModelRef ref) {
                return ref.isSimulated() ? sim.model(ref) : real().model(ref);
            }
        };
    }
}
