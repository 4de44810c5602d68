package dev.baton.audit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Chunks concatenate to the text, end before blank lines, and a FULL context one output longer keeps them. */
class TextChunkerTest {

    private static final String PARAGRAPH = "A paragraph of an agent's output with enough words to count as one"
            + " on its own, about one hundred and fifty characters long.";

    @Test
    void chunksConcatenateToTheTextAndEndBeforeBlankLines() {
        String text = "Title\n\n" + PARAGRAPH + "\n\n" + PARAGRAPH + "\n\n\n" + PARAGRAPH;
        List<String> chunks = TextChunker.split(text);
        assertThat(String.join("", chunks)).isEqualTo(text);
        assertThat(chunks).hasSize(3);
        assertThat(chunks.get(0)).startsWith("Title\n\n").doesNotEndWith("\n");
        assertThat(chunks.subList(1, 3)).allSatisfy(c -> assertThat(c).startsWith("\n\n"));
    }

    @Test
    void aHistoryOneOutputLongerKeepsEveryChunkOfTheShorterOne() {
        String history = "Request:\nWrite about heat pumps";
        List<String> previous = List.of();
        for (int agent = 1; agent <= 5; agent++) {
            history = history + "\n\nAgent " + agent + ":\n" + PARAGRAPH + " (" + agent + ")\n\n" + PARAGRAPH;
            List<String> chunks = TextChunker.split(history);
            assertThat(chunks.subList(0, previous.size())).isEqualTo(previous);
            previous = chunks;
        }
    }

    @Test
    void longTextsWithoutBlankLinesAreCutAtLineBreaksAndNeverInsideASurrogatePair() {
        String line = "x".repeat(999) + "\n";
        String text = line.repeat(40);
        List<String> chunks = TextChunker.split(text);
        assertThat(String.join("", chunks)).isEqualTo(text);
        assertThat(chunks).allSatisfy(c -> assertThat(c.length()).isLessThanOrEqualTo(TextChunker.MAX_CHUNK));
        assertThat(chunks.get(1)).startsWith("\n");

        String emoji = "\uD83D\uDE00".repeat(TextChunker.MAX_CHUNK); // no line breaks at all
        List<String> cut = TextChunker.split(emoji);
        assertThat(String.join("", cut)).isEqualTo(emoji);
        assertThat(cut).allSatisfy(c -> {
            assertThat(Character.isHighSurrogate(c.charAt(c.length() - 1))).isFalse();
            assertThat(Character.isLowSurrogate(c.charAt(0))).isFalse();
        });
    }

    @Test
    void shortTextIsOneChunk() {
        assertThat(TextChunker.split("one\n\ntwo")).containsExactly("one\n\ntwo");
    }
}
