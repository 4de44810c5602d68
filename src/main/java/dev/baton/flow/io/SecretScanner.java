package dev.baton.flow.io;

import dev.baton.secret.KeyShapes;
import dev.baton.secret.Redactor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
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

    /** Messages that quote user text remove key shapes (a flow file is read before any key is known). */
    private static final Redactor SHAPES = Redactor.shapesOnly();

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
                return Optional.of("field '" + Messages.quote(name) + "' looks like a secret; " + WHERE_KEYS_BELONG);
            }
        }
        return Optional.empty();
    }

    /** Why this string value is refused (it holds a secret of one of {@link KeyShapes}), or empty when it is fine. */
    static Optional<String> checkValue(String value) {
        return KeyShapes.find(value).map(shape -> "this value looks like " + shape.description()
                + " (value not shown); " + WHERE_KEYS_BELONG);
    }

    /** The text with every key-shaped part replaced, for messages that quote user input. */
    static String redact(String text) {
        return SHAPES.redact(text);
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
}
