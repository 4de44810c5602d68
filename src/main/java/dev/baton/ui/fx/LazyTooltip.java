package dev.baton.ui.fx;

import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * A tooltip made when the pointer first enters its node, not when the node is built. Every {@link Tooltip} is a popup
 * window with a scene of its own, and its CSS is processed as it is made: the designer's toolbar, palette and the
 * canvas's ports made dozens of them before the window could show (a large share of the start-up time).
 */
public final class LazyTooltip {

    private LazyTooltip() {
    }

    /** Installs a tooltip with {@code text} on {@code node} when the pointer first enters it. */
    public static void install(Node node, String text) {
        EventHandler<MouseEvent> once = new EventHandler<>() {
            @Override
            public void handle(MouseEvent e) {
                node.removeEventHandler(MouseEvent.MOUSE_ENTERED, this);
                Tooltip.install(node, new Tooltip(text));
            }
        };
        node.addEventHandler(MouseEvent.MOUSE_ENTERED, once);
        node.getProperties().put(LazyTooltip.class, text);
    }

    /** The text {@link #install} was given for {@code node}, or null: what a hover will show. */
    public static String textOf(Node node) {
        Object text = node.getProperties().get(LazyTooltip.class);
        return text instanceof String s ? s : null;
    }
}
