package dev.baton.ui.shell;

import dev.baton.ui.canvas.FlowCanvas;
import dev.baton.ui.palette.AgentTemplate;
import dev.baton.ui.palette.PaletteView;
import javafx.geometry.Point2D;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * What the window shows before a flow is open: a new or opened flow, the recent files that still exist, the
 * samples; a palette entry dropped on it starts a new flow holding that agent.
 */
final class WelcomePane extends VBox {

    /** How many recent files the pane lists (File ▸ Open Recent has them all). */
    static final int RECENT_SHOWN = 5;

    private final FileActions files;
    private final VBox recentBox = new VBox(4);

    WelcomePane(FileActions files, List<String> samples) {
        this.files = files;
        getStyleClass().add("welcome");
        setId("welcome");
        // its content's height must not hold the bottom panel down (the split pane honours minimum heights)
        setMinHeight(0);
        Label title = new Label("Baton");
        title.getStyleClass().add("welcome-title");
        Label text = new Label("Design multi-agent flows: drag agents from the palette, wire them, validate, save.");
        Button blank = new Button("New empty flow");
        blank.setOnAction(e -> files.newFlow());
        Button open = new Button("Open a flow file…");
        open.setOnAction(e -> files.open());
        recentBox.setAlignment(javafx.geometry.Pos.CENTER);
        getChildren().addAll(title, text, blank, open, recentBox, new Label("Or start from a sample:"));
        for (String sample : samples) {
            Button b = new Button(sample.replace(".json", "").replace('-', ' '));
            b.setId("sample-" + sample.replace(".json", ""));
            b.setOnAction(e -> files.openSample(sample));
            getChildren().add(b);
        }
        refreshRecent();
        // the list is read again each time the pane comes back (a file may have been saved or deleted meanwhile)
        sceneProperty().addListener((o, was, now) -> refreshRecent());
    }

    /** Lists the recent files that still exist, newest first. */
    void refreshRecent() {
        recentBox.getChildren().clear();
        List<Path> existing = files.recent().list().stream().filter(Files::isRegularFile).limit(RECENT_SHOWN)
                .toList();
        if (existing.isEmpty()) {
            return;
        }
        recentBox.getChildren().add(new Label("Recent:"));
        for (int i = 0; i < existing.size(); i++) {
            Path p = existing.get(i);
            javafx.scene.control.Hyperlink link = new javafx.scene.control.Hyperlink(p.getFileName().toString());
            link.setId("recent-" + i);
            link.setTooltip(new Tooltip(p.toString()));
            link.setOnAction(e -> files.openRecent(p));
            recentBox.getChildren().add(link);
        }
    }

    /**
     * The palette's drop target: on the canvas when it is shown ({@code onCanvas}), else a drop on this pane starts
     * a new flow (Start and Output) and adds the agent between them.
     */
    PaletteView.DropTarget dropTarget(PaletteView.DropTarget onCanvas, FlowCanvas canvas,
                                      BiConsumer<AgentTemplate, Point2D> add) {
        return new PaletteView.DropTarget() {
            @Override
            public void hover(AgentTemplate template, Point2D scenePoint) {
                onCanvas.hover(template, scenePoint);
            }

            @Override
            public void endHover() {
                onCanvas.endHover();
            }

            @Override
            public boolean drop(AgentTemplate template, Point2D scenePoint) {
                if (getScene() == null || !localToScene(getLayoutBounds()).contains(scenePoint)) {
                    return onCanvas.drop(template, scenePoint);
                }
                files.newFlow();
                if (getScene() != null) {
                    return false; // the unsaved-changes question was cancelled
                }
                // the new flow is fit in the view: its centre lies between Start and Output
                add.accept(template, canvas.viewCentre());
                return true;
            }
        };
    }
}
