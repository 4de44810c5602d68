package dev.baton.secret;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Long texts (a tool's 100 KB result, a page fetched over http) are redacted in linear time: the URL-password shape
 * used to try every letter of a long word as the start of a scheme, 20 s for a 30 KB word next to a URL.
 */
class RedactorLongTextTest {

    @Test
    void aLongWordBesideAUrlIsRedactedQuickly() {
        String text = "HTTP 200 from GET http://127.0.0.1:4444/big (text/plain)\n" + "z".repeat(200_000)
                + " then https://bob:" + "Hunt3rPass" + "word@example.org/x";
        String out = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> Redactor.shapesOnly().redact(text));
        assertThat(out).endsWith("https://bob:" + Redactor.REDACTED + "@example.org/x");
        assertThat(out).contains("z".repeat(200_000));
    }

    @Test
    void aSchemeGluedToTextOrDigitsIsStillFound() {
        Redactor r = Redactor.shapesOnly();
        String pw = "S3cretPass" + "word";
        assertThat(r.redact("xhttps://bob:" + pw + "@h/")).isEqualTo("xhttps://bob:" + Redactor.REDACTED + "@h/");
        assertThat(r.redact("12abc+d://u:" + pw + "@h")).isEqualTo("12abc+d://u:" + Redactor.REDACTED + "@h");
        assertThat(r.redact("(see ftp://anon:" + pw + "@files)")).doesNotContain(pw);
        assertThat(r.redact("123://u:" + pw + "@h")).contains(pw);
        assertThat(r.redact("https://host:8080/path")).isEqualTo("https://host:8080/path");
    }
}
