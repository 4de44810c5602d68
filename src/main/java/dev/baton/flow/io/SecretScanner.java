package dev.baton.flow.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spots credentials in a flow document: field names that name a secret and string values shaped like a provider key.
 * Flow files get shared and committed, so a key in one leaks; keys belong in the environment or the credentials file.
 * What it returns never contains the secret itself, only what kind of thing was found.
 */
final class SecretScanner {

    /** Where keys belong; every secret message ends with this. */
    static final String WHERE_KEYS_BELONG = "a flow file must not hold credentials; put keys in environment variables"
            + " (e.g. OPENAI_API_KEY) or in ~/.baton/credentials";

    /** Single words of a field name that always name a secret. */
    private static final Set<String> SECRET_WORDS = Set.of("apikey", "apikeys", "secret", "secrets", "password",
            "passwords", "passwd", "pwd", "passphrase", "credential", "credentials", "authorization", "bearer",
            "privatekey", "accesskey", "secretkey", "accesstoken", "refreshtoken", "authtoken", "sessiontoken",
            "cookie");

    /** Two adjacent words that name a secret ("api key", "private key", "access key"). */
    private static final Set<String> SECRET_PAIRS = Set.of("api key", "private key", "access key", "secret key",
            "session key", "signing key", "client key", "auth key", "license key", "encryption key");

    /** Words after "token" that make it a count or a bound (our own tokenBudget), not a credential. */
    private static final Set<String> TOKEN_MEASURES = Set.of("budget", "budgets", "count", "counts", "limit",
            "limits", "usage", "estimate", "cost");

    /** Well-known key shapes; the boundary look-arounds keep words like "risk-assessment" out. */
    private static final List<KeyShape> KEY_SHAPES = List.of(
            new KeyShape("an OpenAI/Anthropic-style key ('sk-…')", List.of("sk-"), "sk-[A-Za-z0-9_-]{20,}", true),
            new KeyShape("a Google API key ('AIza…')", List.of("AIza"), "AIza[0-9A-Za-z_-]{30,}", false),
            new KeyShape("a GitHub token", List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
                    "(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})", false),
            new KeyShape("an AWS access key id", List.of("AKIA", "ASIA"), "(?:AKIA|ASIA)[0-9A-Z]{16}", false),
            new KeyShape("a Slack token", List.of("xox"), "xox[abprs]-[A-Za-z0-9-]{10,}", false),
            new KeyShape("a Hugging Face token ('hf_…')", List.of("hf_"), "hf_[A-Za-z0-9]{30,}", false),
            new KeyShape("a Groq key ('gsk_…')", List.of("gsk_"), "gsk_[A-Za-z0-9]{30,}", false),
            new KeyShape("a JSON Web Token", List.of("eyJ"),
                    "eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}", false),
            new KeyShape("a private key block", List.of("PRIVATE KEY-----"), "-----BEGIN [A-Z ]*PRIVATE KEY-----",
                    false));

    private static final Pattern WORD_BREAK = Pattern.compile("[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])");

    private SecretScanner() {
    }

    /** Why this field name is refused, or empty when it is fine. */
    static Optional<String> checkFieldName(String name) {
        Optional<String> shaped = checkValue(name);
        if (shaped.isPresent()) {
            return shaped;
        }
        List<String> words = words(name);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String next = i + 1 < words.size() ? words.get(i + 1) : "";
            boolean secret = SECRET_WORDS.contains(word)
                    || SECRET_PAIRS.contains(word + " " + next)
                    || ("token".equals(word) && !TOKEN_MEASURES.contains(next));
            if (secret) {
                return Optional.of("field '" + name + "' looks like a secret; " + WHERE_KEYS_BELONG);
            }
        }
        return Optional.empty();
    }

    /** Why this string value is refused (it looks like a provider key), or empty when it is fine. */
    static Optional<String> checkValue(String value) {
        for (KeyShape shape : KEY_SHAPES) {
            if (shape.foundIn(value)) {
                return Optional.of("this value looks like " + shape.description()
                        + " (value not shown); " + WHERE_KEYS_BELONG);
            }
        }
        return Optional.empty();
    }

    /** The text with every key-shaped part replaced by "[redacted]", for messages that quote user input. */
    static String redact(String text) {
        String result = text;
        for (KeyShape shape : KEY_SHAPES) {
            if (shape.mayBeIn(result)) {
                result = shape.pattern().matcher(result).replaceAll("[redacted]");
            }
        }
        return result;
    }

    /** "OPENAI_API_KEY" → [openai, api, key]; "apiKey" → [api, key]; "tokenBudget" → [token, budget]. */
    static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        for (String part : WORD_BREAK.split(name)) {
            if (!part.isEmpty()) {
                words.add(part.toLowerCase(Locale.ROOT));
            }
        }
        return words;
    }

    /**
     * One key shape: what to call it, literal parts one of which every match contains (a cheap test that spares the
     * regular expression on the long texts of a flow), and its regular expression.
     */
    private record KeyShape(String description, List<String> hints, Pattern pattern, boolean needsDigitAndLetterMix) {

        KeyShape(String description, List<String> hints, String regex, boolean needsDigitAndLetterMix) {
            this(description, hints, Pattern.compile("(?<![A-Za-z0-9_-])" + regex + "(?![A-Za-z0-9_-])"),
                    needsDigitAndLetterMix);
        }

        boolean mayBeIn(String text) {
            for (String hint : hints) {
                if (text.contains(hint)) {
                    return true;
                }
            }
            return false;
        }

        boolean foundIn(String text) {
            if (!mayBeIn(text)) {
                return false;
            }
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                // "sk-" prose such as "sk-learn-style-naming-conventions" has no digits; real keys always do
                if (!needsDigitAndLetterMix || looksRandom(m.group())) {
                    return true;
                }
            }
            return false;
        }

        private static boolean looksRandom(String s) {
            boolean digit = false;
            boolean upper = false;
            boolean lower = false;
            for (int i = 3; i < s.length(); i++) {
                char c = s.charAt(i);
                digit |= Character.isDigit(c);
                upper |= c >= 'A' && c <= 'Z';
                lower |= c >= 'a' && c <= 'z';
            }
            return digit && (upper || lower);
        }
    }
}
