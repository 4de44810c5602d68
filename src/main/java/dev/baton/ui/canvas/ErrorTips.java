package dev.baton.ui.canvas;

import dev.baton.ui.canvas.skins.NodeSkin;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The hover text with a failed node's whole error on its card (the badge only has room for its start). */
final class ErrorTips {

    private final Map<String, Tooltip> errorTips = new HashMap<>();

    /** Installs, updates or removes the hover text with a failed node's whole error. */
    void errorTip(NodeSkin skin, String error) {
        Tooltip tip = errorTips.get(skin.nodeId());
        if (error == null || error.isBlank()) {
            if (tip != null) {
                Tooltip.uninstall(skin, tip);
                errorTips.remove(skin.nodeId());
            }
            return;
        }
        if (tip == null) {
            tip = new Tooltip();
            tip.setWrapText(true);
            tip.setMaxWidth(520);
            tip.setShowDuration(Duration.seconds(30));
            tip.getStyleClass().add("run-error-tip");
            Tooltip.install(skin, tip);
            errorTips.put(skin.nodeId(), tip);
        }
        tip.setText("Failed: " + TextPreview.of(error));
    }

    /** The hover text of a failed node's card; empty when the node has not failed. */
    Optional<String> errorTooltip(String nodeId) {
        Tooltip tip = errorTips.get(nodeId);
        return tip == null ? Optional.empty() : Optional.of(tip.getText());
    }
}
