package dev.baton.audit;

import dev.baton.secret.KeyShapes;
import dev.baton.secret.Redactor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writer's side of content-addressed texts (schema version 2): turns a long text into a {@link Ref} (its hash
 * and row id), adding the chunks and text rows the database lacks to the current batch. A text that begins with a
 * text stored before (a FULL context one output later) is stored as that text plus the chunks it adds, which keeps
 * a chain's contexts at O(n) rows instead of O(n²).
 *
 * <p>Redaction happens here, before hashing: a text that might hold a key shape ({@link KeyShapes#mayHoldShape}) is redacted
 * whole and then cut; any other is cut first and each chunk redacted on its own, so that a chunk seen before skips
 * redaction, hashing and the insert (its raw text maps to its row in a bounded cache). Rows get ids from counters
 * (continued from the stored maximum each time the writer opens the database), and the hashes already stored are remembered in bounded maps: a
 * forgotten one is merely stored again. Used by the writer thread only.
 */
final class TextStore {

    /** A stored text: its hash (what payloads and the hash chain carry) and its row. */
    record Ref(String hash, long id) {
    }

    /**
     * A text stored from its raw form without pattern secrets, with its chunk count and the raw length of its last
     * chunk: a longer text that begins with it can skip the common part.
     */
    private record Recent(String raw, Ref text, int chunks, int lastPiece) {
    }

    /** Texts at least this long are stored by reference; a reference costs about a quarter of this. */
    static final int INLINE_MAX = 256;
    /** Raw chunk text kept to recognise repeated chunks (~4 MB at most). */
    private static final int CACHED_CHARS = 2_000_000;
    /** Chunk and text hashes remembered with their rows (~5 MB each at most). */
    private static final int KNOWN_HASHES = 32_768;
    /**
     * Recent texts kept for {@link #extendRecent}: runs in flight each extend their own history, and each step of a
     * run leaves two (its output and its new context). With 8, four runs in flight pushed a run's last context out
     * before its next step came, so that every context was cut and hashed whole again (O(n²) per run; 8 % of the
     * writer's CPU with four in flight). A miss is only slower, never wrong; a look-up compares lengths first.
     */
    private static final int RECENT = 64;

    private final Redactor redactor;
    private PreparedStatement insertChunk;
    private PreparedStatement insertText;
    private Connection connection;
    private final LinkedHashMap<String, Ref> chunkByRaw = new LinkedHashMap<>(1024, 0.75f, true);
    private long cachedChars;
    private final Map<String, Long> chunkIds = boundedMap(KNOWN_HASHES);
    private final Map<String, Long> textIds = boundedMap(KNOWN_HASHES);
    /**
     * Texts already stored in this transaction, by identity: the same input string object comes back in several
     * events of one step (hashing a long context for an equality map would cost as much as the rest). Kept until the
     * commit, not only for one staging round: a step's events often straddle two rounds 5 ms apart.
     */
    private final Map<String, Ref> refByText = new IdentityHashMap<>();
    private final ArrayDeque<Recent> recent = new ArrayDeque<>(RECENT + 1);
    private long nextChunkId;
    private long nextTextId;
    private boolean pending;
    private long chunksWritten;
    private long chunksReused;
    private long textsWritten;

    TextStore(Redactor redactor) {
        this.redactor = redactor;
    }

    /**
     * Prepares for a batch on {@code c}: the writer opens the database per batch (other processes write between its
     * batches), so row ids continue from what is stored now. The remembered hashes stay valid: rows are never deleted.
     */
    void attach(Connection c) throws SQLException {
        insertChunk = c.prepareStatement("INSERT INTO text_chunks (id, hash, body) VALUES (?, ?, ?)");
        // the chunks a text adds go into its own row (schema version 9): one row per text, not one per chunk
        insertText = c.prepareStatement("INSERT INTO texts (id, hash, extends_id, chunks, parts) VALUES (?, ?, ?, ?, ?)");
        connection = c;
        nextChunkId = maxId(c, "text_chunks") + 1;
        nextTextId = maxId(c, "texts") + 1;
    }

    private static long maxId(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM " + table);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The stored form of {@code raw} once redacted; its new chunks and rows join the batch. */
    Ref store(String raw) throws SQLException {
        Ref known = refByText.get(raw);
        if (known != null) {
            return known;
        }
        Ref ref = extendRecent(raw);
        if (ref == null) {
            ref = storeWhole(raw);
        }
        refByText.put(raw, ref);
        return ref;
    }

    /**
     * A text that begins with a text stored a moment ago, followed by a blank line (a FULL context one output
     * later): only the rest is scanned, cut and hashed. The chunks come out as {@link TextChunker#split} of the whole
     * would give them, because the shorter text's last chunk is long enough to end where the blank line begins, and
     * no hint of {@link KeyShapes} can span a line break.
     */
    private Ref extendRecent(String raw) throws SQLException {
        for (Recent r : recent) {
            int n = r.raw().length();
            if (raw.length() == n && raw.equals(r.raw())) {
                return r.text();
            }
            if (raw.length() > n + 2 && r.lastPiece() >= TextChunker.MIN_CHUNK && r.lastPiece() < TextChunker.MAX_CHUNK
                    && raw.startsWith("\n\n", n) && endsAlike(raw, r.raw()) && raw.startsWith(r.raw())) {
                String rest = raw.substring(n);
                if (KeyShapes.mayHoldShape(rest)) {
                    return null;
                }
                List<String> pieces = TextChunker.split(rest);
                List<Ref> added = cleanChunks(pieces);
                String hash = AuditHashes.textHash(r.text().hash(), added.stream().map(Ref::hash).toList());
                Long id = textIds.get(hash);
                Ref ref = id != null ? new Ref(hash, id) : writeText(hash, r.text().id(), r.chunks(), added);
                remember(new Recent(raw, ref, r.chunks() + added.size(), pieces.get(pieces.size() - 1).length()));
                return ref;
            }
        }
        return null;
    }

    /**
     * Whether {@code raw} holds {@code shorter}'s last characters where they would be if it began with it: the contexts
     * of runs in flight share long beginnings (the same input, the same first outputs), so a full comparison with
     * another run's text ran far before it failed (4 % of the writer's CPU with four runs in flight); they differ
     * near their ends.
     */
    private static boolean endsAlike(String raw, String shorter) {
        int n = shorter.length();
        int tail = Math.min(n, 64);
        return raw.regionMatches(n - tail, shorter, n - tail, tail);
    }

    private Ref storeWhole(String raw) throws SQLException {
        if (KeyShapes.mayHoldShape(raw)) {
            List<String> bodies = TextChunker.split(redactor.redact(raw));
            List<Ref> chunks = new ArrayList<>(bodies.size());
            for (String body : bodies) {
                chunks.add(chunk(body, AuditHashes.sha256Hex(body)));
            }
            return text(chunks);
        }
        List<String> pieces = TextChunker.split(raw);
        List<Ref> chunks = cleanChunks(pieces);
        Ref ref = text(chunks);
        remember(new Recent(raw, ref, chunks.size(), pieces.get(pieces.size() - 1).length()));
        return ref;
    }

    /** Chunks of a text without pattern secrets: each redacted alone (registered keys), a known one skipped. */
    private List<Ref> cleanChunks(List<String> pieces) throws SQLException {
        List<Ref> chunks = new ArrayList<>(pieces.size());
        for (String piece : pieces) {
            Ref chunk = chunkByRaw.get(piece);
            if (chunk == null) {
                String body = redactor.redactKnown(piece);
                chunk = chunk(body, AuditHashes.sha256Hex(body));
                remember(piece, chunk);
            } else {
                chunksReused++;
            }
            chunks.add(chunk);
        }
        return chunks;
    }

    private void remember(Recent r) {
        recent.addFirst(r);
        if (recent.size() > RECENT) {
            recent.removeLast();
        }
    }

    /** The chunk's row, added to the batch unless its hash is known. */
    private Ref chunk(String body, String hash) throws SQLException {
        Long id = chunkIds.get(hash);
        if (id != null) {
            chunksReused++;
            return new Ref(hash, id);
        }
        long newId = nextChunkId++;
        insertChunk.setLong(1, newId);
        insertChunk.setString(2, hash);
        insertChunk.setString(3, body);
        insertChunk.addBatch();
        chunkIds.put(hash, newId);
        pending = true;
        chunksWritten++;
        return new Ref(hash, newId);
    }

    /** The text's row; with the chunks it adds to its longest known prefix, added to the batch if new. */
    private Ref text(List<Ref> chunks) throws SQLException {
        int m = chunks.size();
        String[] prefix = new String[m]; // prefix[j]: the hash of the text made of chunks 0..j
        String h = "";
        for (int j = 0; j < m; j++) {
            h = AuditHashes.nextTextHash(h, chunks.get(j).hash());
            prefix[j] = h;
        }
        String hash = prefix[m - 1];
        Long known = textIds.get(hash);
        if (known != null) {
            return new Ref(hash, known);
        }
        int from = 0;
        Long base = null;
        for (int j = m - 2; j >= 0 && base == null; j--) {
            base = textIds.get(prefix[j]);
            from = j + 1;
        }
        return base == null ? writeText(hash, null, 0, chunks) : writeText(hash, base, from, chunks.subList(from, m));
    }

    /** A new text row: it extends text {@code base} (null: none), which has {@code from} chunks, by {@code added}. */
    private Ref writeText(String hash, Long base, int from, List<Ref> added) throws SQLException {
        long id = nextTextId++;
        insertText.setLong(1, id);
        insertText.setString(2, hash);
        if (base == null) {
            insertText.setNull(3, Types.BIGINT);
        } else {
            insertText.setLong(3, base);
        }
        insertText.setInt(4, from + added.size());
        Object[] parts = new Object[added.size()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = added.get(i).id();
        }
        insertText.setArray(5, connection.createArrayOf("BIGINT", parts));
        insertText.addBatch();
        textIds.put(hash, id);
        pending = true;
        textsWritten++;
        return new Ref(hash, id);
    }

    private void remember(String rawChunk, Ref chunk) {
        chunkByRaw.put(rawChunk, chunk);
        cachedChars += rawChunk.length();
        Iterator<Map.Entry<String, Ref>> eldest = chunkByRaw.entrySet().iterator();
        while (cachedChars > CACHED_CHARS && eldest.hasNext()) {
            cachedChars -= eldest.next().getKey().length();
            eldest.remove();
        }
    }

    /** Sends the batch's chunk and text rows (same transaction as the events that refer to them). */
    void executeBatch() throws SQLException {
        if (pending) {
            insertChunk.executeBatch();
            insertText.executeBatch();
            pending = false;
        }
    }

    /** After a commit: the rows named by {@link #refByText} are stored for good, the map starts again empty. */
    void committed() {
        refByText.clear();
    }

    /** After a failed batch (the writer stops then: the maps may name rows that were rolled back). */
    void clearBatch() throws SQLException {
        insertChunk.clearBatch();
        insertText.clearBatch();
        pending = false;
        refByText.clear();
    }

    /** Chunks inserted, chunks found already stored, texts inserted, since the writer opened (for the benchmark). */
    long[] counts() {
        return new long[] {chunksWritten, chunksReused, textsWritten};
    }

    void close() {
        for (PreparedStatement ps : new PreparedStatement[] {insertChunk, insertText}) {
            try {
                if (ps != null) {
                    ps.close();
                }
            } catch (SQLException e) {
                // closing: nothing left to protect
            }
        }
    }

    private static Map<String, Long> boundedMap(int capacity) {
        return new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > capacity;
            }
        };
    }
}
