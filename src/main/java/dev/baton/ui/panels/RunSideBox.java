package dev.baton.ui.panels;

import javafx.scene.Node;
import javafx.scene.layout.VBox;

/** A box of the Run tab's side column (breakpoint, question): hidden, and taking no room, until it shows something. */
final class RunSideBox {

    private RunSideBox() {
    }

    static VBox of(String styleClass, Node... children) {
        VBox b = new VBox(6, children);
        b.getStyleClass().addAll("run-box", styleClass);
        b.setVisible(false);
        b.managedProperty().bind(b.visibleProperty());
        return b;
    }
}
