package dev.baton.audit;

import dev.baton.secret.Redactor;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Writes a text column and the text id column after it: the redacted text inline when short, else its id in the
 * {@link TextStore} (or always inline when texts are not stored by hash).
 */
final class TextColumns {

    private final TextStore texts;
    private final Redactor redactor;

    TextColumns(TextStore texts, Redactor redactor) {
        this.texts = texts;
        this.redactor = redactor;
    }

    /**
     * A text column at {@code index} and its text id column after it: the text inline when short, else its id.
     * Returns the text id written, or null.
     */
    Long set(PreparedStatement ps, int index, String text) throws SQLException {
        String inline = EventCodec.inline(text, texts, redactor);
        ps.setString(index, inline);
        if (inline != null || text == null) {
            ps.setNull(index + 1, Types.BIGINT);
            return null;
        }
        long id = texts.store(text).id();
        ps.setLong(index + 1, id);
        return id;
    }

    /** The text as it is stored inline (redacted), or null when it goes to the text store. */
    String inline(String text) {
        return EventCodec.inline(text, texts, redactor);
    }
}
