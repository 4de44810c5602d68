package dev.baton.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a long text into chunks at paragraph breaks, so that texts sharing paragraphs share chunks. A chunk ends just
 * before a blank line ("\n\n") once it holds {@value #MIN_CHUNK} characters; without one it ends at the last line
 * break before {@value #MAX_CHUNK} characters, or there. Where a chunk ends depends only on the text since the
 * previous cut, so a FULL context that grows by one output keeps every chunk of the shorter context.
 */
final class TextChunker {

    /**
     * Shorter paragraphs (headings, labels) join the next. Kept small on purpose: a text's last chunk shorter than
     * this merges with what follows in a longer text, which then cannot extend the shorter one.
     */
    static final int MIN_CHUNK = 32;
    /** Bounds a chunk without blank lines (one long line of JSON, say). */
    static final int MAX_CHUNK = 16_384;

    private TextChunker() {
    }

    /** The chunks, in order; they concatenate to {@code text}. */
    static List<String> split(String text) {
        List<String> chunks = new ArrayList<>(4);
        int n = text.length();
        int start = 0;
        while (start < n) {
            int limit = Math.min(n, start + MAX_CHUNK);
            int cut;
            // cut before the separator, so that the earlier text's last paragraph is the same chunk in a longer text
            int blank = text.indexOf("\n\n", Math.min(n, start + MIN_CHUNK));
            if (blank >= 0 && blank < limit) {
                cut = blank;
            } else if (limit == n) {
                cut = n;
            } else {
                int lineBreak = text.lastIndexOf('\n', limit - 1);
                cut = lineBreak > start ? lineBreak : limit;
                if (cut - 1 > start && Character.isHighSurrogate(text.charAt(cut - 1))) {
                    cut--; // never split a surrogate pair: each chunk must be valid UTF-16 to hash its UTF-8
                }
            }
            chunks.add(text.substring(start, cut));
            start = cut;
        }
        return chunks;
    }
}
