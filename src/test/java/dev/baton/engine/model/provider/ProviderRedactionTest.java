package dev.baton.engine.model.provider;

import dev.baton.engine.model.ModelException;
import dev.baton.secret.Redactor;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** A provider's exception never carries a key-shaped value into the ModelException, its message or its causes. */
class ProviderRedactionTest {

    @Test
    void aPlantedKeyInAProviderExceptionNeverReachesTheModelException() {
        IllegalStateException rootCause = new IllegalStateException("body echoed key sk-ant-api03-PlantedPlanted0000");
        RuntimeException providerFailure = new RuntimeException("request failed, headers: {Authorization=[Bearer "
                + "sk-live-FakeFakeFake0000111122223333]}", rootCause);

        ModelException classified = ErrorClassifier.classify(providerFailure, "openai/gpt-4o-mini");

        assertThat(classified.getMessage()).doesNotContain("FakeFakeFake").doesNotContain("PlantedPlanted")
                .contains(Redactor.REDACTED);
        // The causes travel with the exception into logs: they are redacted copies, types and traces kept.
        StringWriter trace = new StringWriter();
        classified.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain("FakeFakeFake").doesNotContain("PlantedPlanted")
                .contains("java.lang.IllegalStateException").contains("ProviderRedactionTest");
        assertThat(classified.getCause().getCause()).isNotNull();
    }
}
