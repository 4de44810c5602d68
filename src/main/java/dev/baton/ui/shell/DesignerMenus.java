package dev.baton.ui.shell;

import dev.baton.ui.document.Align;
import dev.baton.ui.document.TopologyTemplates;
import dev.baton.ui.settings.BatonHome;
import dev.baton.ui.palette.AgentTemplate;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyCodeCombination;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;

import java.nio.file.Path;
import java.util.List;

/** The menu bar and toolbar of the designer window; every item calls into {@link DesignerWindow}. */
final class DesignerMenus {

    private final DesignerWindow w;
    private final MenuBar menuBar = new MenuBar();
    private final ToolBar toolBar = new ToolBar();

    DesignerMenus(DesignerWindow window) {
        this.w = window;
        menuBar.getMenus().addAll(fileMenu(), editMenu(), viewMenu(), insertMenu(), runMenu(), helpMenu());
        toolBar.getItems().addAll(
                tool(MaterialDesignF.FILE_OUTLINE, "New flow", () -> w.files().newFlow()),
                tool(MaterialDesignF.FOLDER_OPEN_OUTLINE, "Open…", () -> w.files().open()),
                tool(MaterialDesignC.CONTENT_SAVE_OUTLINE, "Save", () -> w.files().save()),
                new Separator(),
                tool(MaterialDesignU.UNDO, "Undo", () -> w.document().commands().undo()),
                tool(MaterialDesignR.REDO, "Redo", () -> w.document().commands().redo()),
                tool(MaterialDesignD.DELETE_OUTLINE, "Delete selection", () -> w.edits().delete()),
                tool(MaterialDesignC.CONTENT_DUPLICATE, "Duplicate", () -> w.edits().duplicate()),
                new Separator(),
                tool(MaterialDesignM.MAGNIFY_PLUS_OUTLINE, "Zoom in", () -> w.canvas().zoomBy(1.25)),
                tool(MaterialDesignM.MAGNIFY_MINUS_OUTLINE, "Zoom out", () -> w.canvas().zoomBy(1 / 1.25)),
                tool(MaterialDesignF.FIT_TO_SCREEN_OUTLINE, "Zoom to fit (F)", () -> w.canvas().zoomToFit()),
                tool(MaterialDesignS.SITEMAP_OUTLINE, "Auto-layout", w::autoLayout),
                new Separator(),
                topologyButton(),
                new Separator(),
                tool(MaterialDesignP.PLAY, "Run (F5)", () -> w.runs().run()),
                tool(MaterialDesignS.STOP, "Cancel the run", () -> w.runPanel().cancel()));
    }

    MenuBar menuBar() {
        return menuBar;
    }

    ToolBar toolBar() {
        return toolBar;
    }

    /** Second shortcuts a menu item cannot carry: Ctrl+Y for redo, Delete and Backspace on the canvas. */
    void installExtraAccelerators(Scene scene) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN),
                () -> w.document().commands().redo());
        // Ctrl+= and Ctrl+Shift+= (the "+" of most layouts) zoom in as Ctrl+Plus says; the numpad's + and − too
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN),
                () -> w.canvas().zoomBy(1.25));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), () -> w.canvas().zoomBy(1.25));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ADD, KeyCombination.SHORTCUT_DOWN),
                () -> w.canvas().zoomBy(1.25));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.SUBTRACT, KeyCombination.SHORTCUT_DOWN),
                () -> w.canvas().zoomBy(1 / 1.25));
        w.canvas().setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) {
                w.edits().delete();
                e.consume();
            }
        });
    }

    private Menu fileMenu() {
        Menu recent = new Menu("Open Recent");
        recent.setOnShowing(e -> fillRecent(recent));
        recent.getItems().add(new MenuItem("(none)"));
        MenuItem exit = item("Exit", null, () -> w.stage().fireEvent(new javafx.stage.WindowEvent(w.stage(),
                javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));
        return new Menu("File", null,
                item("New", "Shortcut+N", () -> w.files().newFlow()),
                item("Open…", "Shortcut+O", () -> w.files().open()),
                recent,
                item("Import…", null, () -> w.files().importFlow()),
                new SeparatorMenuItem(),
                item("Save", "Shortcut+S", () -> w.files().save()),
                item("Save As…", "Shortcut+Shift+S", () -> w.files().saveAs()),
                item("Export JSON…", null, () -> w.files().exportJson()),
                item("Export PNG…", null, () -> w.exports().png(1)),
                item("Export PNG (2×)…", null, () -> w.exports().png(2)),
                item("Export SVG…", null, () -> w.exports().svg()),
                new SeparatorMenuItem(),
                exit);
    }

    private void fillRecent(Menu recent) {
        List<Path> files = w.files().recent().list();
        recent.getItems().clear();
        if (files.isEmpty()) {
            MenuItem none = new MenuItem("(none)");
            none.setDisable(true);
            recent.getItems().add(none);
        }
        for (Path p : files) {
            // a file that is gone stays listed (it may be on a drive not mounted now) and says so
            String text = java.nio.file.Files.isRegularFile(p) ? p.toString() : p + " (missing)";
            recent.getItems().add(item(text, null, () -> w.files().openRecent(p)));
        }
    }

    private Menu editMenu() {
        MenuItem undo = item("Undo", "Shortcut+Z", () -> w.document().commands().undo());
        undo.textProperty().bind(w.document().commands().undoLabel());
        undo.getProperties().put(HelpSheet.SHEET_NAME, "Undo");
        undo.disableProperty().bind(w.document().commands().canUndo().not());
        MenuItem redo = item("Redo", "Shortcut+Shift+Z", () -> w.document().commands().redo());
        redo.textProperty().bind(w.document().commands().redoLabel());
        redo.getProperties().put(HelpSheet.SHEET_NAME, "Redo");
        redo.disableProperty().bind(w.document().commands().canRedo().not());
        return new Menu("Edit", null, undo, redo, new SeparatorMenuItem(),
                item("Cut", "Shortcut+X", () -> w.editAction(() -> w.edits().cut(), t -> t.cut())),
                item("Copy", "Shortcut+C", () -> w.editAction(() -> w.edits().copy(), t -> t.copy())),
                item("Paste", "Shortcut+V", () -> w.editAction(() -> w.edits().paste(), t -> t.paste())),
                item("Duplicate", "Shortcut+D", () -> w.edits().duplicate()),
                item("Delete", null, () -> w.editAction(() -> w.edits().delete(), t -> t.deleteNextChar())),
                item("Select All", "Shortcut+A", () -> w.editAction(() -> w.edits().selectAll(), t -> t.selectAll())),
                new SeparatorMenuItem(),
                alignMenu(),
                new SeparatorMenuItem(),
                item("Save Agent as Template…", null, w::saveAsTemplate));
    }

    private Menu alignMenu() {
        return new Menu("Align", null,
                item("Align Left", null, () -> w.align(Align.How.LEFT)),
                item("Align Top", null, () -> w.align(Align.How.TOP)),
                item("Line Up Horizontally", null, () -> w.align(Align.How.CENTRE_HORIZONTALLY)),
                item("Distribute Horizontally", null, () -> w.align(Align.How.DISTRIBUTE_HORIZONTALLY)),
                item("Distribute Vertically", null, () -> w.align(Align.How.DISTRIBUTE_VERTICALLY)));
    }

    private Menu viewMenu() {
        CheckMenuItem snap = new CheckMenuItem("Snap to Grid");
        snap.selectedProperty().bindBidirectional(w.canvas().snapToGrid());
        CheckMenuItem dark = new CheckMenuItem("Dark Theme");
        dark.setSelected(w.isDark());
        dark.selectedProperty().addListener((o, a, b) -> w.toggleTheme(b));
        CheckMenuItem minimap = new CheckMenuItem("Minimap");
        minimap.setId("menu-minimap");
        minimap.selectedProperty().bindBidirectional(w.layout().minimapShown());
        return new Menu("View", null,
                item("Zoom In", "Shortcut+Plus", () -> w.canvas().zoomBy(1.25)),
                item("Zoom Out", "Shortcut+Minus", () -> w.canvas().zoomBy(1 / 1.25)),
                item("Zoom to Fit (F)", null, () -> w.canvas().zoomToFit()),
                item("Actual Size", "Shortcut+0", () -> w.canvas().zoomBy(1 / w.canvas().view().scale().get())),
                new SeparatorMenuItem(),
                item("Auto-layout", "Shortcut+L", w::autoLayout),
                snap, minimap, dark,
                new SeparatorMenuItem(),
                item("Audit Browser…", "Shortcut+Shift+A",
                        () -> w.showAuditBrowser(BatonHome.dir().resolve("audit"))));
    }

    private Menu insertMenu() {
        Menu insert = new Menu("Insert");
        for (TopologyTemplates.Kind k : TopologyTemplates.Kind.values()) {
            insert.getItems().add(item(topologyName(k), null, () -> w.insertTopology(k)));
        }
        insert.getItems().add(new SeparatorMenuItem());
        insert.setOnShowing(e -> {
            insert.getItems().remove(TopologyTemplates.Kind.values().length + 1, insert.getItems().size());
            for (AgentTemplate t : w.palette().templates()) {
                insert.getItems().add(item(t.title(), null, () -> w.insertTemplate(t)));
            }
        });
        return insert;
    }

    private MenuButton topologyButton() {
        MenuButton b = new MenuButton("Topology", new FontIcon(MaterialDesignA.ACCOUNT_GROUP_OUTLINE));
        for (TopologyTemplates.Kind k : TopologyTemplates.Kind.values()) {
            b.getItems().add(item(topologyName(k), null, () -> w.insertTopology(k)));
        }
        return b;
    }

    static String topologyName(TopologyTemplates.Kind k) {
        return switch (k) {
            case SUPERVISOR_TEAM -> "Supervisor Team";
            case CHAIN -> "Chain";
            case SWARM -> "Swarm";
            case PARALLEL_JUDGE -> "Parallel + Judge";
            case ROUTER -> "Router";
        };
    }

    private Menu runMenu() {
        var running = w.runPanel().runningProperty();
        MenuItem run = item("Run…", "F5", () -> w.runs().run());
        run.setId("menu-run");
        run.disableProperty().bind(running);
        MenuItem pause = item("Pause", "F6", () -> w.runPanel().pause());
        MenuItem resume = item("Resume", "Shift+F6", () -> w.runPanel().resume());
        MenuItem step = item("Step", "F10", () -> w.runPanel().step());
        MenuItem cancel = item("Cancel", "Shortcut+F2", () -> w.runPanel().cancel());
        for (MenuItem i : List.of(pause, resume, step, cancel)) {
            i.disableProperty().bind(running.not());
        }
        MenuItem cont = item("Continue from Breakpoint", "F8", () -> w.runPanel().continueRun());
        cont.disableProperty().bind(running.not());
        MenuItem onTemporal = item(RUN_ON_TEMPORAL, null, w::runOnTemporal);
        onTemporal.setId("menu-run-temporal");
        onTemporal.disableProperty().bind(running);
        MenuItem temporalTarget = item("Temporal Target…", null, w::showTemporalSetting);
        temporalTarget.setId("menu-temporal-target");
        Menu menu = new Menu("Run", null, run, onTemporal, new SeparatorMenuItem(), pause, resume, step, cont, cancel,
                new SeparatorMenuItem(),
                item("Toggle Breakpoint", "F9", () -> w.runs().toggleBreakpointOnSelection()),
                new SeparatorMenuItem(),
                item("Models & Keys…", null, w::showModelsAndKeys),
                traceItem(), temporalTarget);
        // the designer's jar has no Temporal: the item says so before it is chosen (choosing it says which jar has)
        menu.setOnShowing(e -> onTemporal.setText(w.runs().temporal().unavailable() == null ? RUN_ON_TEMPORAL
                : RUN_ON_TEMPORAL + " (needs baton-temporal.jar)"));
        return menu;
    }

    static final String RUN_ON_TEMPORAL = "Run on Temporal…";

    private MenuItem traceItem() {
        MenuItem trace = item("Trace to OTLP…", null, w::showTraceSetting);
        trace.setId("menu-trace-otlp");
        return trace;
    }

    private Menu helpMenu() {
        MenuItem keys = item("Keyboard and Mouse", "F1", () -> HelpSheet.show(w.stage(), menuBar));
        keys.setId("menu-help-keys");
        return new Menu("Help", null, keys);
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private static Button tool(Ikon icon, String tip, Runnable action) {
        Button b = new Button(null, new FontIcon(icon));
        dev.baton.ui.fx.LazyTooltip.install(b, tip);
        b.getStyleClass().add("flat");
        b.setOnAction(e -> action.run());
        return b;
    }
}
