package dev.baton.ui.canvas.skins;

import dev.baton.flow.EdgeKind;
import javafx.scene.shape.Circle;

import java.util.Locale;

/** A port on a node card: pressing it starts a connection of its edge kind. */
public final class PortView extends Circle {

    private String nodeId;
    private final EdgeKind kind;

    public PortView(String nodeId, EdgeKind kind) {
        super(6);
        this.nodeId = nodeId;
        this.kind = kind;
        getStyleClass().addAll("port", "port-" + kind.name().toLowerCase(Locale.ROOT));
        dev.baton.ui.fx.LazyTooltip.install(this, "Drag to connect: " + kind.name().toLowerCase(Locale.ROOT));
    }

    public String nodeId() {
        return nodeId;
    }

    /** The card this port belongs to now shows another node (see {@link NodeSkin#rebind}). */
    void rebind(String id) {
        nodeId = id;
    }

    public EdgeKind kind() {
        return kind;
    }
}
