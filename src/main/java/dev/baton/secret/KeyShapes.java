package dev.baton.secret;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one table of secret shapes for the whole program: the redactor of every output, the flow-file check of
 * {@code validate} and the audit writer's pre-scan all read it. Keys glued to a word ("mykeyAKIA…") are found: no
 * shape asks for a boundary before the key, only after it.
 */
public final class KeyShapes {

    /** Characters a key is made of; a match ends where they end. */
    private static final String END = "(?![A-Za-z0-9_-])";

    /** Every shape; label-keeping shapes first, Anthropic before the generic "sk-" it also matches. */
    public static final List<KeyShape> ALL = List.of(
            labelled("an Authorization header", List.of("authorization"),
                    "(?i)(authorization\"?\\s*[:=]\\s*\"?\\s*(?:bearer|basic|token)\\s+)[^\\s\",;}]+"),
            labelled("a bearer token", List.of("bearer"),
                    "(?i)(bearer\\s+)(?=[A-Za-z0-9._~+/-]*[0-9])[A-Za-z0-9._~+/-]{16,}=*"),
            labelled("an API key parameter", List.of("apikey", "api-key", "api_key"),
                    "(?i)((?:x-api-key|x-goog-api-key|api[-_]?key)\"?\\s*[:=]\\s*\"?\\s*)(?!\\.\\.\\.)[^\\s\",;}&]+"),
            labelled("a key in a URL query ('?key=…', 'token=…')",
                    List.of("key=", "token=", "password=", "secret="),
                    "(?i)([?&](?:key|token|access_token|auth_token|api_token|password|secret)=)[^&\\s\"'#]+"),
            new KeyShape("a password in a URL ('https://user:PASSWORD@host')", List.of("://"), false,
                    // a match may start only where a scheme run starts (the lookbehind) and no part gives back what
                    // it took (possessive): the plain form tried every letter of a long word and was quadratic
                    // (a 30 KB word beside a URL took 20 s)
                    Pattern.compile("(?<![A-Za-z0-9+.-])[0-9+.-]*+([A-Za-z][A-Za-z0-9+.-]*+://[^/\\s:@?#]++:)"
                            + "[^/\\s@?#]++(?=@)"), false),
            key("an Anthropic key ('sk-ant-…')", List.of("sk-ant-"), "sk-ant-[A-Za-z0-9_-]{20,}", false),
            key("a Stripe key ('sk_live_…', 'rk_live_…', 'sk_test_…')",
                    List.of("sk_live_", "rk_live_", "sk_test_", "rk_test_"),
                    "(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}", false),
            key("an OpenAI key ('sk-…', 'sk-proj-…')", List.of("sk-"), "sk-[A-Za-z0-9_-]{20,}", true),
            key("a Google API key ('AIza…')", List.of("AIza"), "AIza[0-9A-Za-z_-]{30,}", false),
            key("a GitHub token ('ghp_…', 'github_pat_…')",
                    List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
                    "(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})", false),
            new KeyShape("an AWS access key id ('AKIA…', 'ASIA…')", List.of("AKIA", "ASIA"), false,
                    Pattern.compile("(?:AKIA|ASIA)[0-9A-Z]{16}(?![0-9A-Za-z])"), false),
            key("a Slack token ('xox…-')", List.of("xoxa-", "xoxb-", "xoxp-", "xoxr-", "xoxs-"),
                    "xox[abprs]-[A-Za-z0-9-]{10,}", false),
            key("a Hugging Face token ('hf_…')", List.of("hf_"), "hf_[A-Za-z0-9]{30,}", false),
            key("a Groq key ('gsk_…')", List.of("gsk_"), "gsk_[A-Za-z0-9]{30,}", false),
            key("a JSON Web Token", List.of("eyJ"),
                    "eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}", false),
            new KeyShape("a private key block", List.of("PRIVATE KEY-----"), false,
                    Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"), false));

    /**
     * The pre-scan's tables, built from the hints: each pair of adjacent characters, ASCII-folded ({@code c | 0x20},
     * so a case-insensitive hint sits under one entry), maps to a slot (0: no hint starts so); a slot has the folded
     * third characters its hints can go on with (a 128-bit set) and the hints themselves. The scan looks at each
     * character once and compares whole hints only where three characters fit: a table by first character alone sent
     * every 't' and 's' of prose to a comparison (20 ns per character; this is about 1).
     */
    private static final byte[] SLOT_BY_PAIR = new byte[128 * 128];
    private static final long[] THIRD_LOW = new long[128];
    private static final long[] THIRD_HIGH = new long[128];
    private static final Hint[][] HINTS_BY_SLOT = new Hint[128][];
    /** The folded first characters of every hint, as a 128-bit set (its low and high half). */
    private static final long FIRST_LOW = firstCharacters(0);
    private static final long FIRST_HIGH = firstCharacters(64);

    static {
        buildHintTables();
    }

    private record Hint(String text, boolean ignoreCase, int shape) {
    }

    private KeyShapes() {
    }

    /** The first shape found in {@code text}, if any. */
    public static Optional<KeyShape> find(String text) {
        if (text == null || !mayHoldShape(text)) {
            return Optional.empty();
        }
        for (KeyShape shape : ALL) {
            if (shape.foundIn(text)) {
                return Optional.of(shape);
            }
        }
        return Optional.empty();
    }

    /**
     * False only when no shape can match: one pass over the text looking for every shape's hints. Long texts of
     * ordinary prose (most of what the audit writer sees) skip every regular expression.
     */
    public static boolean mayHoldShape(String text) {
        return candidates(text, true) != 0;
    }

    /**
     * The shapes whose hints occur in {@code text}, as a bit set over {@link #ALL}'s indexes: only these can match,
     * so a redaction runs only their expressions.
     */
    static long candidates(String text) {
        return candidates(text, false);
    }

    private static long candidates(String text, boolean firstOnly) {
        long found = 0;
        int n = text.length() - 1;
        for (int i = 0; i < n; i++) {
            char first = text.charAt(i);
            // most characters start no hint (digits, spaces, most punctuation, half the letters): two bits of a
            // 128-bit set say so before the pair table (16 KB, whose lines a short text would mostly miss) is read
            int folded = first | 0x20;
            if (folded >= 128 || ((folded < 64 ? FIRST_LOW >>> folded : FIRST_HIGH >>> (folded - 64)) & 1) == 0) {
                continue;
            }
            char second = text.charAt(i + 1);
            if (second >= 128) {
                continue;
            }
            int slot = SLOT_BY_PAIR[pair(first, second)];
            if (slot == 0 || i + 2 > n) {
                continue;
            }
            int third = text.charAt(i + 2) | 0x20;
            if (third >= 128 || ((third < 64 ? THIRD_LOW[slot] >>> third : THIRD_HIGH[slot] >>> (third - 64)) & 1)
                    == 0) {
                continue;
            }
            for (Hint h : HINTS_BY_SLOT[slot]) {
                if ((found & 1L << h.shape()) == 0
                        && text.regionMatches(h.ignoreCase(), i, h.text(), 0, h.text().length())) {
                    found |= 1L << h.shape();
                    if (firstOnly) {
                        return found;
                    }
                }
            }
        }
        return found;
    }

    private static int pair(char first, char second) {
        return ((first | 0x20) << 7) | (second | 0x20);
    }

    private static KeyShape labelled(String description, List<String> hints, String regex) {
        return new KeyShape(description, hints, true, Pattern.compile(regex), false);
    }

    private static KeyShape key(String description, List<String> hints, String regex, boolean mixed) {
        return new KeyShape(description, hints, false, Pattern.compile(regex + END), mixed);
    }

    /** The bits of the folded first characters of the hints from {@code from} to {@code from + 63}. */
    private static long firstCharacters(int from) {
        long bits = 0;
        for (KeyShape shape : ALL) {
            for (String hint : shape.hints()) {
                int first = hint.charAt(0) | 0x20;
                if (first >= from && first < from + 64) {
                    bits |= 1L << (first - from);
                }
            }
        }
        return bits;
    }

    private static void buildHintTables() {
        List<List<Hint>> slots = new ArrayList<>();
        slots.add(null); // slot 0 means "no hint"
        for (int index = 0; index < ALL.size(); index++) {
            KeyShape shape = ALL.get(index);
            for (String hint : shape.hints()) {
                // every hint has three ASCII characters at least
                int key = pair(hint.charAt(0), hint.charAt(1));
                int slot = SLOT_BY_PAIR[key];
                if (slot == 0) {
                    slot = slots.size();
                    slots.add(new ArrayList<>());
                    SLOT_BY_PAIR[key] = (byte) slot;
                }
                slots.get(slot).add(new Hint(hint, shape.hintsIgnoreCase(), index));
                int third = hint.charAt(2) | 0x20;
                if (third < 64) {
                    THIRD_LOW[slot] |= 1L << third;
                } else {
                    THIRD_HIGH[slot] |= 1L << (third - 64);
                }
            }
        }
        for (int i = 1; i < slots.size(); i++) {
            HINTS_BY_SLOT[i] = slots.get(i).toArray(Hint[]::new);
        }
    }
}
