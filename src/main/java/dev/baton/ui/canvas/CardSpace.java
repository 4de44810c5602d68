package dev.baton.ui.canvas;

import dev.baton.ui.canvas.SpatialIndex.PlacedNode;
import dev.baton.ui.canvas.geometry.NodeGeometry;
import javafx.geometry.Bounds;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the cards are, bucketed on a coarse grid, so that an edge label can ask in constant time whether a place
 * it might take covers a card.
 */
final class CardSpace {

    private static final double CELL = 256;
    /** How far a card's side ports reach out of its border. */
    static final double PORT = 8;

    private final Map<Long, List<Bounds>> cells = new HashMap<>();

    CardSpace(List<PlacedNode> nodes) {
        for (PlacedNode n : nodes) {
            Bounds card = NodeGeometry.bounds(n.at().x(), n.at().y());
            // the side ports stand out of the card's border by their radius: a label over one hides it as well
            Bounds b = new javafx.geometry.BoundingBox(card.getMinX() - PORT, card.getMinY() - 1,
                    card.getWidth() + 2 * PORT, card.getHeight() + 2);
            forCells(b, key -> cells.computeIfAbsent(key, k -> new ArrayList<>()).add(b));
        }
    }

    /** True when {@code area} (world units) overlaps a card. */
    boolean overCard(Bounds area) {
        boolean[] hit = new boolean[1];
        forCells(area, key -> {
            if (!hit[0]) {
                for (Bounds b : cells.getOrDefault(key, List.of())) {
                    if (b.intersects(area)) {
                        hit[0] = true;
                        return;
                    }
                }
            }
        });
        return hit[0];
    }

    private static void forCells(Bounds b, java.util.function.LongConsumer action) {
        long x0 = (long) Math.floor(b.getMinX() / CELL);
        long x1 = (long) Math.floor(b.getMaxX() / CELL);
        long y0 = (long) Math.floor(b.getMinY() / CELL);
        long y1 = (long) Math.floor(b.getMaxY() / CELL);
        for (long x = x0; x <= x1; x++) {
            for (long y = y0; y <= y1; y++) {
                action.accept((x << 32) ^ (y & 0xffffffffL));
            }
        }
    }
}
