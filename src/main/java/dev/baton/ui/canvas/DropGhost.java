package dev.baton.ui.canvas;

import dev.baton.flow.AgentNode;
import dev.baton.flow.ModelRef;
import dev.baton.flow.Position;
import dev.baton.ui.canvas.skins.NodeSkin;
import javafx.scene.Group;

import java.util.Optional;

/** The translucent card of a template dragged in from the palette, drawn where it would land. */
final class DropGhost {

    private final Group worldOverlay;
    private NodeSkin ghost;

    DropGhost(Group worldOverlay) {
        this.worldOverlay = worldOverlay;
    }

    /** Shows a card of {@code prototype} at {@code at} (world units), a new one when the template changed. */
    void show(AgentNode prototype, Position at, ModelRef defaultModel) {
        if (ghost == null || ghost.node().kind() != prototype.kind() || !ghost.node().name().equals(prototype.name())) {
            worldOverlay.getChildren().remove(ghost);
            ghost = new NodeSkin(prototype, defaultModel);
            ghost.getStyleClass().add("drop-ghost");
            ghost.setOpacity(0.55);
            ghost.setMouseTransparent(true);
            worldOverlay.getChildren().add(0, ghost);
        }
        ghost.relocate(at.x(), at.y());
        ghost.setVisible(true);
    }

    void hide() {
        if (ghost != null) {
            ghost.setVisible(false);
        }
    }

    /** Where the card is now (world units), or empty when none is shown. */
    Optional<Position> position() {
        return ghost == null || !ghost.isVisible() ? Optional.empty()
                : Optional.of(new Position(ghost.getLayoutX(), ghost.getLayoutY()));
    }
}
