package dev.baton.testing;

import dev.baton.engine.model.AgentModel;
import dev.baton.engine.model.ModelProvider;
import dev.baton.flow.ModelRef;

/** Model providers for tests that script the model themselves. */
public final class StubProviders {

    private StubProviders() {
    }

    /** A provider that needs no key and answers every node, whatever its model, with {@code model}. */
    public static ModelProvider answering(AgentModel model) {
        return new ModelProvider() {
            @Override
            public String missingCredentials(ModelRef ref) {
                return null;
            }

            @Override
            public AgentModel model(ModelRef ref) {
                return model;
            }
        };
    }
}
