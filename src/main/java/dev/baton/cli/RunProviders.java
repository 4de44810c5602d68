package dev.baton.cli;

import dev.baton.engine.model.AgentModel;
import dev.baton.engine.model.ModelProvider;
import dev.baton.engine.model.SimulatedModel;
import dev.baton.engine.model.SimulatedProvider;
import dev.baton.flow.ModelRef;

/** The model providers {@code baton run} uses: the simulated model offline, real providers otherwise. */
public final class RunProviders {

    private RunProviders() {
    }

    /**
     * The real-provider seam. Until {@code ChatModelFactory} lands on this branch, every real provider reports that it
     * is not available; the lead wires the factory here.
     */
    public static ModelProvider real() {
        return new ModelProvider() {
            @Override
            public String missingCredentials(ModelRef ref) {
                return "provider '" + ref.provider() + "' is not available in this build yet";
            }

            @Override
            public AgentModel model(ModelRef ref) {
                throw new IllegalStateException(missingCredentials(ref));
            }
        };
    }

    /** Simulated references go to the simulated model, every other one to {@code real}: never a silent fallback. */
    public static ModelProvider routing(SimulatedModel.Settings simulated, ModelProvider real) {
        SimulatedProvider sim = new SimulatedProvider(simulated);
        return new ModelProvider() {
            @Override
            public String missingCredentials(ModelRef ref) {
                return ref.isSimulated() ? sim.missingCredentials(ref) : real.missingCredentials(ref);
            }

            @Override
            public AgentModel model(ModelRef ref) {
                return ref.isSimulated() ? sim.model(ref) : real.model(ref);
            }
        };
    }
}
