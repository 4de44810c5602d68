package dev.baton.audit;

import dev.baton.engine.model.provider.SecretRedactor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The writer's side of content-addressed texts (schema version 2): turns a long text into its text hash, adding the
 * chunks and the text rows the database does not have yet to the current batch. A text that begins with a text
 * stored before (a FULL context one output later) is stored as that text plus the chunks it adds, which keeps a
 * chain's contexts at O(n) rows instead of O(n²). Redaction happens here, before
 * hashing: a text that might hold a pattern secret ({@link SecretScan}) is redacted whole and then cut; any other is
 * cut first and each chunk redacted on its own, which lets a chunk seen before skip redaction, hashing and the
 * insert (its raw text maps to its hash in a bounded cache). Used by the writer thread only.
 */
final class TextStore {

    /** Texts at least this long are stored by hash; a reference costs about a quarter of this. */
    static final int INLINE_MAX = 256;
    /** Raw chunk text kept to recognise repeated chunks (~4 MB of memory at most). */
    private static final int CACHED_CHARS = 2_000_000;
    /** Chunk and text hashes known to be in the database (bounded: an evicted one is merely inserted again). */
    private static final int KNOWN_HASHES = 50_000;

    private final PreparedStatement insertChunk;
    private final PreparedStatement insertText;
    private final PreparedStatement insertPart;
    private final LinkedHashMap<String, String> hashByRawChunk = new LinkedHashMap<>(1024, 0.75f, true);
    private long cachedChars;
    private final Set<String> knownChunks = boundedSet(KNOWN_HASHES);
    private final Set<String> knownTexts = boundedSet(KNOWN_HASHES);
    /** Texts already resolved in this batch: the same input string comes back in several events of one step. */
    private final Map<String, String> idByText = new HashMap<>();
    private boolean pending;
    private long chunksWritten;
    private long chunksReused;
    private long textsWritten;

    TextStore(Connection c) throws SQLException {
        // insert-if-absent: after a restart (or an eviction) a chunk may already be there; it is never overwritten,
        // so a changed chunk stays changed for audit verify to find
        insertChunk = c.prepareStatement("MERGE INTO text_chunks t USING (VALUES (CAST(? AS CHAR(64)),"
                + " CAST(? AS CHARACTER VARYING))) s (hash, body) ON t.hash = s.hash"
                + " WHEN NOT MATCHED THEN INSERT (hash, body) VALUES (s.hash, s.body)");
        insertText = c.prepareStatement("MERGE INTO texts t USING (VALUES (CAST(? AS CHAR(64)), CAST(? AS CHAR(64)),"
                + " CAST(? AS INT))) s (hash, extends_hash, chunks) ON t.hash = s.hash"
                + " WHEN NOT MATCHED THEN INSERT (hash, extends_hash, chunks) VALUES (s.hash, s.extends_hash, s.chunks)");
        insertPart = c.prepareStatement("MERGE INTO text_parts t USING (VALUES (CAST(? AS CHAR(64)), CAST(? AS INT),"
                + " CAST(? AS CHAR(64)))) s (text_hash, pos, chunk_hash) ON t.text_hash = s.text_hash"
                + " AND t.pos = s.pos WHEN NOT MATCHED THEN INSERT (text_hash, pos, chunk_hash)"
                + " VALUES (s.text_hash, s.pos, s.chunk_hash)");
    }

    /** The hash of {@code raw} once redacted; its chunks and chunk list join the batch unless already stored. */
    String store(String raw) throws SQLException {
        String known = idByText.get(raw);
        if (known != null) {
            return known;
        }
        List<String> hashes;
        if (SecretScan.mayHoldPatternSecret(raw)) {
            List<String> chunks = TextChunker.split(SecretRedactor.redact(raw));
            hashes = new ArrayList<>(chunks.size());
            for (String chunk : chunks) {
                hashes.add(addChunk(chunk, AuditHashes.sha256Hex(chunk)));
            }
        } else {
            List<String> chunks = TextChunker.split(raw);
            hashes = new ArrayList<>(chunks.size());
            for (String chunk : chunks) {
                String hash = hashByRawChunk.get(chunk);
                if (hash == null) {
                    String body = SecretRedactor.redact(chunk); // registered keys can still be in it
                    hash = addChunk(body, AuditHashes.sha256Hex(body));
                    remember(chunk, hash);
                } else {
                    chunksReused++;
                }
                hashes.add(hash);
            }
        }
        String id = storeText(hashes);
        idByText.put(raw, id);
        return id;
    }

    /** The text's hash; its row and the chunks it adds to its longest stored prefix join the batch if new. */
    private String storeText(List<String> hashes) throws SQLException {
        int m = hashes.size();
        String[] prefix = new String[m]; // prefix[j]: the hash of the text made of chunks 0..j
        String h = "";
        for (int j = 0; j < m; j++) {
            h = AuditHashes.nextTextHash(h, hashes.get(j));
            prefix[j] = h;
        }
        String id = prefix[m - 1];
        if (knownTexts.contains(id)) {
            return id;
        }
        int from = 0;
        String base = null;
        for (int j = m - 2; j >= 0; j--) {
            if (knownTexts.contains(prefix[j])) {
                from = j + 1;
                base = prefix[j];
                break;
            }
        }
        insertText.setString(1, id);
        insertText.setString(2, base);
        insertText.setInt(3, m);
        insertText.addBatch();
        for (int pos = from; pos < m; pos++) {
            insertPart.setString(1, id);
            insertPart.setInt(2, pos);
            insertPart.setString(3, hashes.get(pos));
            insertPart.addBatch();
        }
        knownTexts.add(id);
        pending = true;
        textsWritten++;
        return id;
    }

    private String addChunk(String body, String hash) throws SQLException {
        if (knownChunks.add(hash)) {
            insertChunk.setString(1, hash);
            insertChunk.setString(2, body);
            insertChunk.addBatch();
            pending = true;
            chunksWritten++;
        } else {
            chunksReused++;
        }
        return hash;
    }

    private void remember(String rawChunk, String hash) {
        hashByRawChunk.put(rawChunk, hash);
        cachedChars += rawChunk.length();
        Iterator<Map.Entry<String, String>> eldest = hashByRawChunk.entrySet().iterator();
        while (cachedChars > CACHED_CHARS && eldest.hasNext()) {
            cachedChars -= eldest.next().getKey().length();
            eldest.remove();
        }
    }

    /** Sends the batch's chunk and part rows (same transaction as the events that refer to them). */
    void executeBatch() throws SQLException {
        if (pending) {
            insertChunk.executeBatch();
            insertText.executeBatch();
            insertPart.executeBatch();
            pending = false;
        }
        idByText.clear();
    }

    /** After a failed batch (the writer stops then: the known sets may name rows that were rolled back). */
    void clearBatch() throws SQLException {
        insertChunk.clearBatch();
        insertText.clearBatch();
        insertPart.clearBatch();
        pending = false;
        idByText.clear();
    }

    /** Chunks inserted, chunks found already stored, texts inserted, since the writer opened (for the benchmark). */
    long[] counts() {
        return new long[] {chunksWritten, chunksReused, textsWritten};
    }

    void close() {
        for (PreparedStatement ps : List.of(insertChunk, insertText, insertPart)) {
            try {
                ps.close();
            } catch (SQLException e) {
                // closing: nothing left to protect
            }
        }
    }

    private static Set<String> boundedSet(int capacity) {
        return Collections.newSetFromMap(new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        });
    }
}
