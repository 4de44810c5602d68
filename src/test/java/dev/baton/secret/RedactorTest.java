package dev.baton.secret;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;


import static org.assertj.core.api.Assertions.assertThat;

/** Keys, auth headers and key-shaped strings never survive redaction; ordinary text does. */
class RedactorTest {

    private final Redactor redactor = Redactor.shapesOnly();

    /** Shape by shape: the secret part goes, the text around it and a label stay. */
    @ParameterizedTest
    @MethodSource("planted")
    void everyShapeOfTheTableIsRedacted(PlantedKeys.Planted p) {
        String text = "before " + p.text() + " after";

        String redacted = PlantedKeys.redactor().redact(text);

        assertThat(redacted).doesNotContain(p.secret()).contains(Redactor.REDACTED).startsWith("before ")
                .endsWith(" after");
        if (!p.shape().equals("known-value")) {
            assertThat(KeyShapes.find(text)).as(p.shape()).isPresent();
            assertThat(KeyShapes.mayHoldShape(text)).isTrue();
        }
    }

    static java.util.stream.Stream<PlantedKeys.Planted> planted() {
        return PlantedKeys.ALL.stream();
    }

    @Test
    void aKnownValueIsOnlyRedactedByTheInstanceThatKnowsIt() {
        assertThat(Redactor.shapesOnly().redact(PlantedKeys.KNOWN_VALUE)).isEqualTo(PlantedKeys.KNOWN_VALUE);
        assertThat(PlantedKeys.redactor().redact("x" + PlantedKeys.KNOWN_VALUE + "y")).isEqualTo("x[REDACTED]y");
    }

    @Test
    void proseHasNoHintSoTheAuditWriterSkipsTheExpressions() {
        String prose = "The heat pump market grew 12% in 2025; tasks were split by the supervisor and its"
                + " workers, with a risk assessment, a disk cache and a token budget of 4000.";
        assertThat(KeyShapes.mayHoldShape(prose)).isFalse();
        assertThat(redactor.redact(prose)).isEqualTo(prose);
    }


    @Test
    void bearerHeadersAreRedacted() {
        assertThat(redactor.redact("Authorization: Bearer abc.def-123_xyz"))
                .isEqualTo("Authorization: Bearer [REDACTED]");
        assertThat(redactor.redact("{\"authorization\": \"Bearer t0ken-value\"}"))
                .isEqualTo("{\"authorization\": \"Bearer [REDACTED]\"}");
    }

    @Test
    void apiKeyHeadersAreRedacted() {
        assertThat(redactor.redact("x-api-key: anthropic-secret-value"))
                .isEqualTo("x-api-key: [REDACTED]");
        assertThat(redactor.redact("headers {x-goog-api-key=[some-google-value], accept=[json]}"))
                .doesNotContain("some-google-value").contains("accept=[json]");
        assertThat(redactor.redact("GET /v1beta/models?key=raw-query-key&alt=sse"))
                .isEqualTo("GET /v1beta/models?key=[REDACTED]&alt=sse");
    }

    @Test
    void keyShapedStringsAreRedactedWhereverTheyAppear() {
        assertThat(redactor.redact("key sk-proj-AbCdEf0123456789xyz was rejected"))
                .isEqualTo("key [REDACTED] was rejected");
        assertThat(redactor.redact("(sk-ant-api03-AbCdEf0123456789-xyz)")).isEqualTo("([REDACTED])");
        assertThat(redactor.redact("AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUv"))
                .isEqualTo("[REDACTED]");
    }

    @Test
    void keysInOneLetterCaseAreStillKeys() {
        // fake and test keys are often lower case with digits; prose between dashes must not be taken for one
        assertThat(redactor.redact("found sk-proj-abcdefghijklmnopqrstuvwxyz0123 here"))
                .isEqualTo("found [REDACTED] here");
        assertThat(redactor.redact("key=sk-abcdef0123456789abcdef0123")).doesNotContain("abcdef0123456789");
        assertThat(redactor.redact("risk-assessment-2024-final-version-of-the-plan"))
                .isEqualTo("risk-assessment-2024-final-version-of-the-plan");
    }

    @Test
    void ordinaryTextAndInstructionsSurvive() {
        String advice = "model 'openai/gpt-4o-mini' needs an API key: set OPENAI_API_KEY or add OPENAI_API_KEY=... "
                + "to ~/.baton/credentials (mode 600)";
        assertThat(redactor.redact(advice)).isEqualTo(advice);
        assertThat(redactor.redact("scikit-learn sk-learn task-list")).isEqualTo("scikit-learn sk-learn task-list");
        assertThat(redactor.redact(null)).isNull();
        assertThat(redactor.redact("")).isEmpty();
    }

    @Test
    void registeredSecretsAreRedactedWhateverTheirShape() {
        Redactor redactor = new Redactor(java.util.List.of("plain-Secret-Value-42", "short"));

        assertThat(redactor.redact("value plain-Secret-Value-42 leaked, short is fine"))
                .isEqualTo("value [REDACTED] leaked, short is fine");
    }
}
