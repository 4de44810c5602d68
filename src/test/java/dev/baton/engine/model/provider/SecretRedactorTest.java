package dev.baton.engine.model.provider;

import dev.baton.engine.model.ModelException;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** Keys, auth headers and key-shaped strings never survive redaction; ordinary text does. */
class SecretRedactorTest {

    @Test
    void bearerHeadersAreRedacted() {
        assertThat(SecretRedactor.redact("Authorization: Bearer abc.def-123_xyz"))
                .isEqualTo("Authorization: Bearer [REDACTED]");
        assertThat(SecretRedactor.redact("{\"authorization\": \"Bearer t0ken-value\"}"))
                .isEqualTo("{\"authorization\": \"Bearer [REDACTED]\"}");
    }

    @Test
    void apiKeyHeadersAreRedacted() {
        assertThat(SecretRedactor.redact("x-api-key: anthropic-secret-value"))
                .isEqualTo("x-api-key: [REDACTED]");
        assertThat(SecretRedactor.redact("headers {x-goog-api-key=[some-google-value], accept=[json]}"))
                .doesNotContain("some-google-value").contains("accept=[json]");
        assertThat(SecretRedactor.redact("GET /v1beta/models?key=raw-query-key&alt=sse"))
                .isEqualTo("GET /v1beta/models?key=[REDACTED]&alt=sse");
    }

    @Test
    void keyShapedStringsAreRedactedWhereverTheyAppear() {
        assertThat(SecretRedactor.redact("key sk-proj-AbCdEf0123456789xyz was rejected"))
                .isEqualTo("key [REDACTED] was rejected");
        assertThat(SecretRedactor.redact("(sk-ant-api03-AbCdEf0123456789-xyz)")).isEqualTo("([REDACTED])");
        assertThat(SecretRedactor.redact("AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUv"))
                .isEqualTo("[REDACTED]");
    }

    @Test
    void ordinaryTextAndInstructionsSurvive() {
        String advice = "model 'openai/gpt-4o-mini' needs an API key: set OPENAI_API_KEY or add OPENAI_API_KEY=... "
                + "to ~/.baton/credentials (mode 600)";
        assertThat(SecretRedactor.redact(advice)).isEqualTo(advice);
        assertThat(SecretRedactor.redact("scikit-learn sk-learn task-list")).isEqualTo("scikit-learn sk-learn task-list");
        assertThat(SecretRedactor.redact(null)).isNull();
        assertThat(SecretRedactor.redact("")).isEmpty();
    }

    @Test
    void registeredSecretsAreRedactedWhateverTheirShape() {
        SecretRedactor.registerSecret("plain-Secret-Value-42");
        SecretRedactor.registerSecret("short");

        assertThat(SecretRedactor.redact("value plain-Secret-Value-42 leaked, short is fine"))
                .isEqualTo("value [REDACTED] leaked, short is fine");
    }

    @Test
    void aPlantedKeyInAProviderExceptionNeverReachesTheModelException() {
        IllegalStateException rootCause = new IllegalStateException("body echoed key sk-ant-api03-PlantedPlanted0000");
        RuntimeException providerFailure = new RuntimeException("request failed, headers: {Authorization=[Bearer "
                + "sk-live-FakeFakeFake0000111122223333]}", rootCause);

        ModelException classified = ErrorClassifier.classify(providerFailure, "openai/gpt-4o-mini");

        assertThat(classified.getMessage()).doesNotContain("FakeFakeFake").doesNotContain("PlantedPlanted")
                .contains(SecretRedactor.REDACTED);
        // The causes travel with the exception into logs: they are redacted copies, types and traces kept.
        StringWriter trace = new StringWriter();
        classified.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain("FakeFakeFake").doesNotContain("PlantedPlanted")
                .contains("java.lang.IllegalStateException").contains("SecretRedactorTest");
        assertThat(classified.getCause().getCause()).isNotNull();
    }
}
