package dev.baton.ui.canvas.skins;

import dev.baton.flow.AgentNode;
import dev.baton.flow.ApprovalPolicy;
import dev.baton.flow.EdgeKind;
import dev.baton.tool.ToolDescriptor;
import dev.baton.tool.builtin.BuiltInTools;
import dev.baton.ui.canvas.geometry.NodeGeometry;
import dev.baton.ui.canvas.geometry.NodeLook;
import javafx.animation.FadeTransition;
import javafx.animation.PauseTransition;
import javafx.animation.SequentialTransition;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.Pane;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A card's tools: small chips along the bottom of the card (a tool that asks before it runs is marked, a denied one
 * crossed), kept clear of the bottom port and cut with "+N"; and the call in flight (name and a spinner) over the
 * card's top edge, or under the card when the run badge sits above it, shown briefly with its status once it
 * returns, then faded. Chips are hidden on compact cards by CSS.
 */
final class ToolMarks {

    /** Built-in tools that ask by default (the others run): from the tools' own risk. */
    private static final class Defaults {
        static final Set<String> ASK = BuiltInTools.descriptors().stream()
                .filter(d -> d.defaultPolicy() == ApprovalPolicy.ASK).map(ToolDescriptor::name)
                .collect(Collectors.toUnmodifiableSet());
    }

    static final double CHIP_Y = NodeGeometry.HEIGHT - 17;
    static final double CHIP_LEFT = 9;
    static final double CHIP_GAP = 3;
    /** How long a finished call stays on the card before it fades. */
    static final Duration LINGER = Duration.seconds(1.6);
    static final Duration FADE = Duration.millis(600);

    // made on first use: most cards have no tools and never call one, and a canvas makes thousands of cards
    private Pane chips;
    private Label more;
    private Label live;
    private ProgressIndicator spinner;
    private final java.util.function.Consumer<javafx.scene.Node> addToCard;
    private final double chipsRight;
    private List<String> shownTools = List.of();
    private Map<String, ApprovalPolicy> shownFlowApproval = Map.of();
    private Object shownNodeApproval;
    private SequentialTransition fading;

    /** @param addToCard adds a node to the card's children (above the card, with its badges) */
    ToolMarks(AgentNode node, java.util.function.Consumer<javafx.scene.Node> addToCard) {
        this.addToCard = addToCard;
        NodeLook look = NodeLook.of(node.kind());
        boolean bottomPort = look.ports().contains(EdgeKind.DELEGATES) || look.ports().contains(EdgeKind.REVIEWS);
        // the bottom port sits at the middle of the lower edge: chips stop short of it
        chipsRight = bottomPort ? NodeGeometry.WIDTH / 2 - 9 : NodeGeometry.WIDTH - 9;
    }

    private void makeChips() {
        chips = new Pane();
        chips.getStyleClass().add("tool-chips");
        chips.setManaged(false);
        chips.setMouseTransparent(true);
        more = new Label();
        more.getStyleClass().addAll("tool-chip", "tool-chip-more");
        addToCard.accept(chips);
    }

    private void makeLive() {
        live = new Label();
        live.getStyleClass().add("tool-live");
        live.setManaged(false);
        live.setMouseTransparent(true);
        live.setVisible(false);
        live.setMaxWidth(NodeGeometry.WIDTH - 48);
        spinner = new ProgressIndicator();
        spinner.getStyleClass().add("tool-live-spinner");
        spinner.setPrefSize(10, 10);
        spinner.setMaxSize(10, 10);
        addToCard.accept(live);
    }

    /** Shows the node's tools; does nothing when neither they nor the policies changed (called every frame). */
    void setTools(AgentNode node, Map<String, ApprovalPolicy> flowApproval) {
        Object nodeApproval = node.toolSettings() == null ? null : node.toolSettings().approval();
        if (node.tools().equals(shownTools) && flowApproval.equals(shownFlowApproval)
                && Objects.equals(nodeApproval, shownNodeApproval)) {
            return;
        }
        shownTools = List.copyOf(node.tools());
        shownFlowApproval = flowApproval;
        shownNodeApproval = nodeApproval;
        if (chips == null) {
            if (shownTools.isEmpty()) {
                return;
            }
            makeChips();
        }
        List<javafx.scene.Node> out = new ArrayList<>();
        for (String key : node.tools()) {
            ApprovalPolicy p = policy(node, flowApproval, key);
            int slash = key.indexOf('/');
            Label chip = new Label((p == ApprovalPolicy.DENY ? "× " : "")
                    + (slash < 0 ? key : key.substring(slash + 1)) + (p == ApprovalPolicy.ASK ? " ?" : ""));
            chip.getStyleClass().add("tool-chip");
            if (p == ApprovalPolicy.ASK) {
                chip.getStyleClass().add("tool-chip-ask");
            } else if (p == ApprovalPolicy.DENY) {
                chip.getStyleClass().add("tool-chip-deny");
            }
            chip.setUserData(key);
            out.add(chip);
        }
        chips.getChildren().setAll(out);
        chips.setVisible(!out.isEmpty());
        chips.requestLayout();
    }

    /** The policy a call of {@code key} gets: the node's, the flow's, else the tool's default (MCP tools: ask). */
    static ApprovalPolicy policy(AgentNode node, Map<String, ApprovalPolicy> flowApproval, String key) {
        ApprovalPolicy own = node.toolSettings() == null ? null : node.toolSettings().approval().get(key);
        if (own != null) {
            return own;
        }
        ApprovalPolicy flow = flowApproval.get(key);
        if (flow != null) {
            return flow;
        }
        // an MCP tool's default needs its server's annotations; until a run knows them it asks
        return key.indexOf('/') >= 0 || Defaults.ASK.contains(key) ? ApprovalPolicy.ASK : ApprovalPolicy.AUTO;
    }

    /** The chips' texts as shown (with "+N" when cut), for tests. */
    List<String> chipTexts() {
        List<String> out = new ArrayList<>();
        if (chips == null) {
            return out;
        }
        for (javafx.scene.Node n : chips.getChildren()) {
            if (n.isVisible() && n instanceof Label l) {
                out.add(l.getText());
            }
        }
        return out;
    }

    /**
     * Shows a call: {@code status} "running" with a spinner, "ok", "error" or "denied" for a while, then fades;
     * null hides it at once.
     */
    void showCall(String text, String status) {
        if (fading != null) {
            fading.stop();
            fading = null;
        }
        if (status == null) {
            if (live != null) {
                live.setVisible(false);
            }
            return;
        }
        if (live == null) {
            makeLive();
        }
        live.setText(text);
        live.getStyleClass().removeIf(c -> c.startsWith("tool-live-") && !c.equals("tool-live-spinner"));
        live.getStyleClass().add("tool-live-" + status);
        live.setGraphic("running".equals(status) ? spinner : null);
        live.setOpacity(1);
        live.setVisible(true);
        if (!"running".equals(status)) {
            FadeTransition fade = new FadeTransition(FADE, live);
            fade.setToValue(0);
            fading = new SequentialTransition(new PauseTransition(LINGER), fade);
            fading.setOnFinished(e -> live.setVisible(false));
            fading.play();
        }
    }

    /** The call shown, "" when none. */
    String callText() {
        return live != null && live.isVisible() ? live.getText() : "";
    }

    void layout(boolean badgeAbove) {
        if (chips != null && chips.isVisible()) {
            chips.resizeRelocate(0, 0, NodeGeometry.WIDTH, NodeGeometry.HEIGHT);
            List<javafx.scene.Node> all = new ArrayList<>(chips.getChildren());
            all.remove(more);
            double x = CHIP_LEFT;
            int shown = 0;
            for (int i = 0; i < all.size(); i++) {
                javafx.scene.Node c = all.get(i);
                double w = c.prefWidth(-1);
                double h = c.prefHeight(-1);
                int left = all.size() - i - 1;
                double reserve = left > 0 ? moreWidth(left) + CHIP_GAP : 0;
                boolean fits = x + w + reserve <= chipsRight || (left == 0 && x + w <= chipsRight);
                c.setVisible(fits && shown == i);
                if (c.isVisible()) {
                    c.resizeRelocate(x, CHIP_Y, w, h);
                    x += w + CHIP_GAP;
                    shown++;
                }
            }
            if (shown < all.size()) {
                more.setText("+" + (all.size() - shown));
                if (!chips.getChildren().contains(more)) {
                    chips.getChildren().add(more);
                }
                more.setVisible(true);
                more.resizeRelocate(x, CHIP_Y, more.prefWidth(-1), more.prefHeight(-1));
            } else {
                chips.getChildren().remove(more);
            }
        }
        if (live != null && live.isVisible()) {
            double w = Math.min(live.getMaxWidth(), live.prefWidth(-1));
            double h = live.prefHeight(-1);
            // over the top edge, left of the handoff port; under the card when the run badge took the top
            live.resizeRelocate(CHIP_LEFT, badgeAbove ? NodeGeometry.HEIGHT + 4 : -h - 3, w, h);
        }
    }

    private double moreWidth(int n) {
        more.setText("+" + n);
        return more.prefWidth(-1);
    }
}
