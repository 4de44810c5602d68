package dev.baton.audit;

import dev.baton.engine.model.provider.SecretRedactor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Field;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The pre-scan finds every text a redaction pattern could change, and lets ordinary prose through. */
class SecretScanTest {

    @ParameterizedTest
    @ValueSource(strings = {"Authorization: Bearer abc", "AUTHORIZATION=x", "x-api-key: 123", "X-Goog-Api-Key=1",
        "apiKey=\"abc\"", "API_KEY: abc", "https://host/v1?key=abc", "a&KEY=b", "sk-abcdefghijklmnop1234",
        "sk-ant-abcdefghij", "AIzaSyA1234567890123456789"})
    void findsEveryPatternTrigger(String text) {
        assertThat(SecretScan.mayHoldPatternSecret("prose before " + text + " prose after")).isTrue();
    }

    @Test
    void ordinaryProseWithTheWordKeyNeedsNoPatterns() {
        String prose = "The key findings: heat pumps are a key part of the plan; the monkey is a keystone. Skip it.";
        assertThat(SecretScan.mayHoldPatternSecret(prose)).isFalse();
        // and indeed no pattern changes it
        assertThat(SecretRedactor.redact(prose)).isEqualTo(prose);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Authorization: Bearer plantedToken123", "api-key=plantedKey123",
        "call ?key=plantedKey123", "use sk-plantedAAAABBBBCCCC1234", "AIzaplantedAAAABBBBCCCCDDDD"})
    void everyTextTheRedactorChangesIsFound(String text) {
        assertThat(SecretRedactor.redact(text)).isNotEqualTo(text);
        assertThat(SecretScan.mayHoldPatternSecret(text)).isTrue();
    }

    /** SecretScan lists what SecretRedactor's patterns need: this fails when they change, so the list is revisited. */
    @Test
    void secretRedactorPatternsAreTheOnesTheScanKnows() throws Exception {
        assertThat(patterns("LABELLED_SECRETS")).containsExactly(
                "(?i)(authorization\"?\\s*[:=]\\s*\"?\\s*bearer\\s+)[^\\s\",;}]+",
                "(?i)((?:x-api-key|x-goog-api-key|api[-_]?key)\"?\\s*[:=]\\s*\"?\\s*)(?!\\.\\.\\.)[^\\s\",;}&]+",
                "(?i)([?&]key=)[^&\\s\"']+");
        assertThat(patterns("KEY_SHAPES")).containsExactly("sk-ant-[A-Za-z0-9_\\-]{8,}", "sk-[A-Za-z0-9_\\-]{16,}",
                "AIza[0-9A-Za-z_\\-]{20,}");
    }

    private static List<String> patterns(String field) throws Exception {
        Field f = SecretRedactor.class.getDeclaredField(field);
        f.setAccessible(true);
        @SuppressWarnings("unchecked")
        List<Pattern> list = (List<Pattern>) f.get(null);
        return list.stream().map(Pattern::pattern).toList();
    }
}
