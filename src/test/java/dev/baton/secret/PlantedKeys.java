package dev.baton.secret;

import java.util.List;

/**
 * One planted secret per shape of {@link KeyShapes}, written as it would appear in text, with the part that must
 * never reach an output. Sink tests (events file, stdout, stderr, audit database, exports, the designer's panes)
 * plant all of them and look for every {@link Planted#secret()}. Split literals keep scanners of this repository quiet.
 */
public final class PlantedKeys {

    /** A planted text and its secret part. */
    public record Planted(String shape, String text, String secret) {
    }

    /** The exact value of a provider key "present in the environment": no recognisable shape at all. */
    public static final String KNOWN_VALUE = "plainKnownValue" + "Qq77Ww88Ee99";

    public static final List<Planted> ALL = List.of(
            p("openai", "", "sk-" + "Zq3Wx7Ty1Ui5Op9As2Df6Gh0Jk4Lz8Xc"),
            p("openai-project", "", "sk-proj-" + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z"),
            p("anthropic", "", "sk-ant-api03-" + "Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe"),
            p("google", "", "AIza" + "SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q"),
            p("github-classic", "", "ghp_" + "aB3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF1gH4"),
            p("github-oauth", "", "gho_" + "Hb3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF1gH5"),
            p("github-pat", "", "github_pat_" + "11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz"),
            p("aws", "", "AKIA" + "QWERTYUIOP234567"),
            p("aws-session", "", "ASIA" + "ZXCVBNMASD765432"),
            p("stripe-live", "", "sk_live_" + "51HxYzAbCdEfGhIjKlMn"),
            p("stripe-restricted", "", "rk_live_" + "51JqWeRtYuIoPaSdFgHj"),
            p("stripe-test", "", "sk_test_" + "51KzXcVbNmQwErTyUi"),
            p("slack", "", "xoxb-" + "123456789012-AbCdEfGhIjKl"),
            p("bearer", "Bearer ", "beaRerTok3n" + "Value0987654321"),
            p("authorization", "Authorization: Bearer ", "authT0k" + "en-abcdef"),
            p("url-password", "https://bob:", "Hunt3rPass" + "word"),
            p("query-key", "https://api.example.com/v1?key=", "QueryKey" + "Value123"),
            p("query-api-key", "https://api.example.com/v1?api_key=", "ApiKeyParam" + "Value456"),
            p("query-token", "https://api.example.com/v1?x=1&token=", "TokenParam" + "Value789"),
            p("glued", "mykey", "sk-proj-" + "GluedGlued1234567890abcdEFGH"),
            p("glued-aws", "password", "AKIA" + "GLUEDGLUED765432"),
            p("known-value", "", KNOWN_VALUE));

    private PlantedKeys() {
    }

    private static Planted p(String shape, String label, String secret) {
        String text = label + secret + (shape.equals("url-password") ? "@llm.example.com/v1" : "");
        return new Planted(shape, text, secret);
    }

    /** Every planted text, one per line, as a model input, a flow instruction or a reply would carry them. */
    public static String allInOneText() {
        StringBuilder sb = new StringBuilder("Here are the planted values:\n");
        for (Planted p : ALL) {
            sb.append("- ").append(p.shape()).append(": ").append(p.text()).append('\n');
        }
        return sb.toString();
    }

    /** The redactor a sink test uses: every shape plus the "environment" value {@link #KNOWN_VALUE}. */
    public static Redactor redactor() {
        return new Redactor(List.of(KNOWN_VALUE));
    }
}
