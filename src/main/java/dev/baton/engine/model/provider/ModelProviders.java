package dev.baton.engine.model.provider;

import dev.baton.engine.model.AgentModel;
import dev.baton.engine.model.ModelProvider;
import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.engine.model.simulated.SimulatedProvider;
import dev.baton.flow.ModelRef;
import dev.baton.secret.Redactor;

import java.time.Duration;
import java.util.function.Supplier;

/** The providers a run uses, shared by {@code baton run} and the designer: simulated offline, real otherwise. */
public final class ModelProviders {

    /**
     * How long a real provider may stay silent before a call times out (then retried with backoff), for a model whose
     * reference sets no {@code timeoutSeconds}.
     */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(ModelRef.DEFAULT_TIMEOUT_SECONDS);

    private ModelProviders() {
    }

    /** Real providers through LangChain4j; keys from the environment or the user's credentials file. */
    public static ModelProvider real() {
        return new ChatModelFactory(Credentials.fromSystem(), REQUEST_TIMEOUT);
    }

    /** As {@link #real()}; every key it hands out is also remembered by {@code redactor}. */
    public static ModelProvider real(Redactor redactor) {
        return new ChatModelFactory(new Credentials(System::getenv, Credentials.batonHome(), redactor),
                REQUEST_TIMEOUT);
    }

    /** Simulated references on the simulated model, every other one on {@link #real()}, built on first need. */
    public static ModelProvider routing(SimulatedModel.Settings simulated) {
        return routing(simulated, ModelProviders::real);
    }

    /**
     * Simulated references go to the simulated model, every other one to the real provider (built on first need, so a
     * simulated run never reads credentials): never a silent fallback from one to the other.
     */
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
