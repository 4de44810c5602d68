package dev.baton.flow.io;

import java.util.Map;
import java.util.Optional;

/** Where each JSON pointer of a loaded flow file starts, so that model-level problems can name a line and column. */
public final class SourceMap {

    /** A map that knows no locations (flows built in code). */
    public static final SourceMap EMPTY = new SourceMap(Map.of());

    private final Map<String, TextLocation> locations;

    public SourceMap(Map<String, TextLocation> locations) {
        this.locations = Map.copyOf(locations);
    }

    /** The location of this pointer, or of its nearest ancestor that has one. */
    public Optional<TextLocation> locate(String pointer) {
        String p = pointer == null ? "" : pointer;
        while (true) {
            TextLocation loc = locations.get(p);
            if (loc != null) {
                return Optional.of(loc);
            }
            if (p.isEmpty()) {
                return Optional.empty();
            }
            int slash = p.lastIndexOf('/');
            p = slash <= 0 ? "" : p.substring(0, slash);
        }
    }

    /** "12:5 /edges/3/to" when the location is known, "/edges/3/to" otherwise, "/" for the root. */
    public String describe(String pointer) {
        String shown = pointer == null || pointer.isEmpty() ? "/" : pointer;
        return locate(pointer).map(l -> l + " " + shown).orElse(shown);
    }
}
