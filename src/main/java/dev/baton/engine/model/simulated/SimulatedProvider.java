package dev.baton.engine.model.simulated;

import dev.baton.engine.model.AgentModel;
import dev.baton.engine.model.ModelProvider;
import dev.baton.flow.ModelRef;

/** Serves the simulated model for {@code simulated} model references; refuses any other provider. */
public final class SimulatedProvider implements ModelProvider {

    private final SimulatedModel.Settings settings;

    public SimulatedProvider(SimulatedModel.Settings settings) {
        this.settings = settings;
    }

    @Override
    public String missingCredentials(ModelRef ref) {
        return ref.isSimulated() ? null : "provider '" + ref.provider() + "' is not the simulated model";
    }

    @Override
    public AgentModel model(ModelRef ref) {
        if (!ref.isSimulated()) {
            throw new IllegalArgumentException("the simulated provider cannot serve " + ref.label());
        }
        return new SimulatedModel(settings, ref.name());
    }
}
