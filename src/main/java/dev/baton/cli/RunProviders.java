package dev.baton.cli;

import dev.baton.engine.model.AgentModel;
import dev.baton.engine.model.ModelProvider;
import dev.baton.engine.model.SimulatedModel;
import dev.baton.engine.model.SimulatedProvider;
import dev.baton.engine.model.provider.ChatModelFactory;
import dev.baton.engine.model.provider.Credentials;
import dev.baton.flow.ModelRef;

import java.time.Duration;

/** The model providers {@code baton run} uses: the simulated model offline, real providers otherwise. */
public final class RunProviders {

    /** How long a real provider may stay silent before a call times out (then retried with backoff). */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private RunProviders() {
    }

    /** Real providers through LangChain4j; keys from the environment or the user's credentials file. */
    public static ModelProvider real() {
        return new ChatModelFactory(Credentials.fromSystem(), REQUEST_TIMEOUT);
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
