package dev.baton.ui.canvas.geometry;

import dev.baton.flow.EdgeKind;
import dev.baton.flow.NodeKind;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

import java.util.List;
import java.util.Locale;

/**
 * How each node kind looks on the canvas: its icon, its CSS class and the ports it offers (one per edge kind it may
 * start). Colours are in app.css under the kind's class.
 */
public enum NodeLook {
    START(NodeKind.START, MaterialDesignP.PLAY_CIRCLE_OUTLINE, List.of(EdgeKind.NEXT)),
    AGENT(NodeKind.AGENT, MaterialDesignR.ROBOT_OUTLINE, List.of(EdgeKind.NEXT, EdgeKind.HANDOFF)),
    SUPERVISOR(NodeKind.SUPERVISOR, MaterialDesignA.ACCOUNT_TIE, List.of(EdgeKind.NEXT, EdgeKind.DELEGATES)),
    CRITIC(NodeKind.CRITIC, MaterialDesignS.SHIELD_CHECK_OUTLINE, List.of(EdgeKind.REVIEWS)),
    JUDGE(NodeKind.JUDGE, MaterialDesignS.SCALE_BALANCE, List.of(EdgeKind.NEXT)),
    ROUTER(NodeKind.ROUTER, MaterialDesignS.SOURCE_BRANCH, List.of(EdgeKind.ROUTE)),
    HUMAN(NodeKind.HUMAN, MaterialDesignA.ACCOUNT_QUESTION_OUTLINE, List.of(EdgeKind.NEXT)),
    OUTPUT(NodeKind.OUTPUT, MaterialDesignF.FLAG_CHECKERED, List.of());

    private final NodeKind kind;
    private final Ikon icon;
    private final List<EdgeKind> ports;
    private final String caption;

    NodeLook(NodeKind kind, Ikon icon, List<EdgeKind> ports) {
        this.kind = kind;
        this.icon = icon;
        this.ports = ports;
        this.caption = captionOf(kind);
    }

    public static NodeLook of(NodeKind kind) {
        return valueOf(kind.name());
    }

    public Ikon icon() {
        return icon;
    }

    /** The edge kinds a drag from this node's ports creates. */
    public List<EdgeKind> ports() {
        return ports;
    }

    /** True when the node can be the target of a NEXT edge (it shows an input dot). */
    public boolean acceptsNext() {
        return kind != NodeKind.START && kind != NodeKind.CRITIC;
    }

    /** "kind-supervisor", the CSS class of the card. */
    public String styleClass() {
        return "kind-" + kind.name().toLowerCase(Locale.ROOT);
    }

    /** "Supervisor", the small caption on the card (made once: a picture of cards asks it of every card). */
    public String caption() {
        return caption;
    }

    private static String captionOf(NodeKind kind) {
        String n = kind.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }
}
