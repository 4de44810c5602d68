package dev.baton.ui.canvas;

import dev.baton.ui.run.EdgeSignal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The edges a run has touched (something travelled along, routed, judged, held): a crowded canvas draws its plain
 * edges into the picture, and these must come out of it as skins. A signal for an edge that has no skin yet waits
 * here until the skin is made, so that the skin still flashes.
 */
final class LitEdges {

    private final Set<String> lit = new HashSet<>();
    private final Map<String, EdgeSignal> pending = new HashMap<>();
    private Runnable changed = () -> { };

    /** Called when an edge newly needs a skin (the canvas then makes one on its next layout pass). */
    void onChange(Runnable listener) {
        changed = listener;
    }

    /** Something else decides which edges need skins changed (a breakpoint): tells the canvas all the same. */
    void announce() {
        changed.run();
    }

    /** The edge takes part in the run shown from now on. */
    void light(String edgeId) {
        if (lit.add(edgeId)) {
            changed.run();
        }
    }

    /** A signal for an edge with no skin: it is played when the skin arrives. */
    void defer(String edgeId, EdgeSignal signal) {
        pending.put(edgeId, signal);
        light(edgeId);
    }

    /** The signal waiting for the new skin of {@code edgeId}, taken out. */
    Optional<EdgeSignal> takePending(String edgeId) {
        return Optional.ofNullable(pending.remove(edgeId));
    }

    boolean contains(String edgeId) {
        return lit.contains(edgeId);
    }

    /** The run is off the canvas: every edge may go back into the picture. */
    void clear() {
        pending.clear();
        if (!lit.isEmpty()) {
            lit.clear();
            changed.run();
        }
    }
}
