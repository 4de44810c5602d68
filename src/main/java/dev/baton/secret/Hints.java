package dev.baton.secret;

/** ASCII case-insensitive substring search without lower-casing a copy of a long text. */
final class Hints {

    private Hints() {
    }

    static boolean containsIgnoreCase(String text, String hint) {
        int n = text.length() - hint.length();
        char first = hint.charAt(0);
        char firstUpper = Character.toUpperCase(first);
        char firstLower = Character.toLowerCase(first);
        for (int i = 0; i <= n; i++) {
            char c = text.charAt(i);
            if ((c == firstLower || c == firstUpper) && text.regionMatches(true, i, hint, 0, hint.length())) {
                return true;
            }
        }
        return false;
    }
}
