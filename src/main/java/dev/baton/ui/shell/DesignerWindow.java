package dev.baton.ui.shell;

import dev.baton.ui.document.Align;
import dev.baton.ui.document.AutoLayout;
import dev.baton.ui.document.TopologyTemplates;
import dev.baton.ui.document.FlowDocument;
import dev.baton.ui.settings.BatonHome;
import dev.baton.ui.settings.DesignerSettings;
import dev.baton.ui.settings.RecentFiles;
import dev.baton.flow.AgentNode;
import dev.baton.ui.canvas.FlowCanvas;
import dev.baton.ui.palette.PaletteDrop;
import dev.baton.ui.fx.DialogService;
import dev.baton.ui.fx.Styles;
import dev.baton.ui.palette.AgentTemplate;
import dev.baton.ui.audit.AuditBrowser;
import dev.baton.ui.inspector.InspectorView;
import dev.baton.ui.palette.PaletteModel;
import dev.baton.ui.palette.PaletteView;
import dev.baton.ui.panels.ProblemsView;
import dev.baton.ui.panels.RunPanel;
import dev.baton.ui.panels.RunPanelInputDialog;
import dev.baton.ui.panels.RunPanelLauncher;
import dev.baton.ui.panels.RunPanelSession;
import dev.baton.secret.Redactor;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.collections.SetChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The designer window: menus and toolbar on top, palette left, canvas centre, inspector right, problems and status
 * bar below. Wires the panels to one {@link FlowDocument}; the menus live in {@link DesignerMenus}.
 */
public final class DesignerWindow {

    static final List<String> SAMPLES = List.of("supervisor-market-entry-japan.json", "chain-blog-article.json",
            "swarm-customer-support.json", "parallel-contract-review.json", "router-support-intake.json");

    private final Stage stage;
    private final DialogService dialogs;
    private final FlowDocument document = new FlowDocument(dev.baton.flow.Flow.empty("untitled", "Untitled flow"));
    private final FlowCanvas canvas = new FlowCanvas(document);
    private final EditActions edits = new EditActions(document);
    private final FileActions files;
    private final PaletteModel palette = new PaletteModel(BatonHome.agentsDir());
    private final Autosave autosave = new Autosave(BatonHome.dir().resolve("recovery"));
    private final StackPane centre = new StackPane();
    private final dev.baton.ui.canvas.Minimap minimap = new dev.baton.ui.canvas.Minimap(canvas,
            document.flowProperty());
    private final RunPanel runPanel = new RunPanel();
    private final TabPane bottom = new TabPane();
    private final Tab problemsTab = new Tab("Problems");
    private final Tab runTab = new Tab("Run");
    private final Label simulatedBanner = new Label();
    private final WelcomePane welcome;
    private final TopologyInsertion topologies = new TopologyInsertion(document, canvas);
    private final AuditReplays replays;
    private final RunPanelSession runs;
    private SplitPane down;
    private final Scene scene;
    private boolean dark;
    /** The theme remembered between launches. */
    private final ThemeSetting settings = ThemeSetting.inHome();
    /** The minimap and the bottom panel's height, remembered between launches. */
    private final WindowLayout layout = new WindowLayout(DesignerSettings.inHome());

    public DesignerWindow(Stage stage, DialogService dialogs) {
        this(stage, dialogs, Redactor.shapesOnly());
    }

    /** {@code redactor}: the program's one instance, for everything a run shows or keeps. */
    public DesignerWindow(Stage stage, DialogService dialogs, Redactor redactor) {
        this.stage = stage;
        this.dialogs = dialogs;
        dialogs.startIn(() -> document.fileProperty().get());
        this.files = new FileActions(document, dialogs, new RecentFiles(BatonHome.dir().resolve("recent.json")),
                this::showCanvas);
        this.runs = new RunPanelSession(document, canvas, dialogs, runPanel, new RunPanelInputDialog(() -> stage),
                () -> bottom.getSelectionModel().select(problemsTab), this::showRunTab, redactor);
        this.replays = new AuditReplays(this);
        // another file's nodes are not the ones the last run coloured
        document.fileProperty().addListener((o, a, b) -> {
            if (!runPanel.runningProperty().get()) {
                canvas.clearRun();
            }
        });
        runPanel.resultView().setSaveTarget(name -> dialogs.chooseFileToSave("Save the result", name, "md"),
                () -> files.suggestedName().replaceAll("\\.json$", "") + "-result.md");
        // selecting one node of a shown run opens its whole record in the Run tab
        document.selection().addListener((SetChangeListener<String>) c -> {
            List<String> ids = document.selectedNodeIds();
            if (ids.size() == 1) {
                runPanel.inspect(ids.get(0));
            }
        });
        BorderPane root = new BorderPane();
        dark = settings.dark();
        if (dark) {
            Styles.applyTheme(true);
        }
        DesignerMenus menus = new DesignerMenus(this);
        root.setTop(new VBox(menus.menuBar(), menus.toolBar()));
        welcome = new WelcomePane(files, SAMPLES);
        java.util.function.BiConsumer<AgentTemplate, Point2D> add = (t, at) -> edits.addFromTemplate(t, at,
                canvas.snapToGrid().get());
        PaletteView paletteView = new PaletteView(palette, welcome.dropTarget(new PaletteDrop(canvas,
                () -> centre.getChildren().contains(canvas), add), canvas, add),
                t -> edits.addFromTemplate(t, canvas.viewCentre(), canvas.snapToGrid().get()));
        InspectorView inspector = new InspectorView(document);
        inspector.toolCatalog().setStartApproval(decl -> runs.serverTrust().approve(document.flow(),
                document.fileForRelativePaths()));
        NodeMenu nodeMenu = new NodeMenu(this, inspector);
        canvas.setNodeMenu(nodeMenu::items);
        ProblemsView problems = new ProblemsView(document, canvas::reveal);
        problemsTab.setContent(problems);
        problemsTab.setId("tab-problems");
        runTab.setContent(runPanel);
        runTab.setId("tab-run");
        bottom.getTabs().addAll(problemsTab, runTab);
        bottom.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        simulatedBanner.setId("simulated-banner");
        simulatedBanner.getStyleClass().add("simulated-banner");
        simulatedBanner.setMouseTransparent(true);
        simulatedBanner.textProperty().bind(Bindings.createStringBinding(
                () -> RunPanelLauncher.simulatedBanner(document.flow()), document.flowProperty()));
        simulatedBanner.visibleProperty().bind(simulatedBanner.textProperty().isNotEmpty());
        centre.getChildren().add(welcome);
        SplitPane across = new SplitPane(paletteView, centre, inspector);
        across.setDividerPositions(0.14, 0.78);
        SplitPane.setResizableWithParent(paletteView, false);
        SplitPane.setResizableWithParent(inspector, false);
        down = new SplitPane(across, bottom);
        down.setOrientation(Orientation.VERTICAL);
        SplitPane.setResizableWithParent(bottom, false);
        root.setCenter(down);
        // the answer or a node's record came forward: give the panel half the height unless it already has it
        runPanel.setOnNeedsRoom(() -> shrinkCanvasTo(0.5));
        root.setBottom(DesignerStatusBar.create(document, canvas, runPanel));
        // 1440x900, or less on a smaller screen: a window larger than the screen hides its own edges
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        scene = new Scene(root, Math.min(1440, screen.getWidth()), Math.min(900, screen.getHeight()));
        layout.installBottomPanel(down, scene.getHeight());
        minimap.visibleProperty().bind(layout.minimapVisible(canvas));
        // a fit keeps the cards clear of what lies over the canvas
        canvas.setFitObstacles(() -> java.util.stream.Stream.of(minimap, simulatedBanner)
                .filter(n -> n.isVisible() && n.getParent() == centre).map(Node::getBoundsInParent).toList());
        Styles.install(scene);
        menus.installExtraAccelerators(scene);
        new DesignerKeys(document, canvas, edits, List.of(paletteView, problems)).install(scene);
        // a refused gesture's message lasts until the next action (the refusal itself is set on release)
        scene.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> canvas.clearRefusal());
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> canvas.clearRefusal());
        document.flowProperty().addListener((obs, old, now) -> canvas.clearRefusal());
        stage.setScene(scene);
        stage.titleProperty().bind(Bindings.createStringBinding(() -> FileActions.title(document),
                document.dirty(), document.fileProperty(), document.flowProperty()));
        stage.setOnCloseRequest(e -> {
            if (!files.confirmDiscard()) {
                e.consume();
            } else {
                autosave.clear();
            }
        });
        Timeline autosaveTimer = new Timeline(new KeyFrame(Duration.seconds(30), e -> autosave.tick(document)));
        autosaveTimer.setCycleCount(Timeline.INDEFINITE);
        autosaveTimer.play();
    }

    /** Decides what the window shows first: the file given, a crash recovery, the last flow, or the welcome pane. */
    public void start(Path fileArgument) {
        stage.show();
        if (fileArgument != null) {
            files.load(fileArgument);
            return;
        }
        var pending = autosave.pending();
        if (pending.isPresent() && dialogs.confirm("Restore unsaved work?",
                "Baton did not close cleanly last time. Restore the unsaved flow \""
                        + pending.get().flow().name() + "\"?")) {
            document.replace(pending.get().flow(), pending.get().originalFile());
            document.markUnsaved();
            autosave.clear();
            showCanvas();
            return;
        }
        autosave.clear();
        files.recent().last().ifPresent(files::load);
    }

    void showCanvas() {
        if (!centre.getChildren().contains(canvas)) {
            centre.getChildren().setAll(canvas, minimap, simulatedBanner);
            StackPane.setAlignment(simulatedBanner, javafx.geometry.Pos.TOP_CENTER);
            StackPane.setMargin(simulatedBanner, new javafx.geometry.Insets(8));
            StackPane.setAlignment(minimap, javafx.geometry.Pos.BOTTOM_RIGHT);
            StackPane.setMargin(minimap, new javafx.geometry.Insets(10));
        }
        centre.applyCss();
        centre.layout();
        canvas.zoomToFit();
        canvas.requestFocus();
    }

    // ---- actions the menus call ---------------------------------------------------------------------------

    /** Edit actions apply to a focused text field first, so Ctrl+C in the inspector copies text, not nodes. */
    void editAction(Runnable onCanvas, java.util.function.Consumer<TextInputControl> onText) {
        if (scene.getFocusOwner() instanceof TextInputControl text) {
            onText.accept(text);
        } else {
            onCanvas.run();
        }
    }

    void insertTopology(TopologyTemplates.Kind kind) {
        showCanvas0();
        topologies.insert(kind);
    }

    void insertTemplate(AgentTemplate t) {
        showCanvas0();
        edits.addFromTemplate(t, canvas.viewCentre(), canvas.snapToGrid().get());
    }

    private void showCanvas0() {
        if (!centre.getChildren().contains(canvas)) {
            showCanvas();
        }
    }

    void saveAsTemplate() {
        List<String> ids = document.selectedNodeIds();
        if (ids.size() != 1) {
            dialogs.showError("Save as template", "Select one agent to save it to the palette.");
            return;
        }
        AgentNode node = document.flow().node(ids.get(0)).orElseThrow();
        dialogs.askText("Save as template", "Name of the template in the palette:", node.name()).ifPresent(name -> {
            try {
                palette.saveAsTemplate(node, name);
            } catch (IOException e) {
                dialogs.showError("Cannot save the template", e.getMessage());
            }
        });
    }

    void align(Align.How how) {
        Align.command(document.flow(), document.selectedNodeIds(), how).ifPresent(document::execute);
    }

    void toggleTheme(boolean on) {
        dark = on;
        Styles.applyTheme(dark);
        if (settings.dark() != on) {
            settings.setDark(on);
        }
    }

    /** True while the dark theme is on. */
    boolean isDark() {
        return dark;
    }

    void autoLayout() {
        showCanvas0();
        document.execute(AutoLayout.command(document.flow()));
        canvas.zoomToFit();
    }

    void showRunTab() {
        bottom.getSelectionModel().select(runTab);
        // a run's console needs more than the few lines the problems list gets
        shrinkCanvasTo(0.7);
    }

    /** Gives the bottom panel {@code 1 - position} of the height unless it has it already; the flow is fit again. */
    private void shrinkCanvasTo(double position) {
        if (layout.growBottomTo(1 - position)) {
            // the canvas gets shorter at the next layout: fit the flow then, so that no node hides under the minimap
            javafx.beans.InvalidationListener[] once = new javafx.beans.InvalidationListener[1];
            once[0] = o -> {
                canvas.heightProperty().removeListener(once[0]);
                javafx.application.Platform.runLater(canvas::zoomToFit);
            };
            canvas.heightProperty().addListener(once[0]);
        }
    }

    /** Starts a run at once with {@code input} (the {@code --run} option); false when it could not start. */
    public boolean runWith(String input) {
        showCanvas0();
        return runs.run(input);
    }

    /** Run ▸ Models & Keys…: key status, set a key, test a connection. */
    dev.baton.ui.panels.ModelsKeysDialog showModelsAndKeys() {
        var dialog = new dev.baton.ui.panels.ModelsKeysDialog(stage, BatonHome.dir(), System::getenv);
        dialog.show();
        return dialog;
    }

    /** Baton's version, which live-traced runs report as {@code service.version} (the app wiring reads it). */
    public void setBatonVersion(String version) {
        runs.setBatonVersion(version);
    }

    /** Run ▸ Trace to OTLP…: where each run's spans go live (kept in the designer's settings). */
    dev.baton.ui.panels.TraceSettingDialog showTraceSetting() {
        var dialog = runs.traceSettingDialog(stage);
        dialog.show();
        return dialog;
    }

    /**
     * Run ▸ Run on Temporal…: with a target set the open flow runs there; with none yet the target dialog comes first
     * and the run follows its Save. In a jar without Temporal a message says which jar has it.
     */
    void runOnTemporal() {
        if (runs.temporal().unavailable() == null && runs.settings().temporalTarget().isEmpty()) {
            showTemporalSetting().onSaved(() -> runs.runOnTemporal(null));
            return;
        }
        runs.runOnTemporal(null);
    }

    /** Run ▸ Temporal Target…: the frontend and task queue runs on Temporal go to (kept in the settings). */
    dev.baton.ui.panels.TemporalSettingDialog showTemporalSetting() {
        var dialog = runs.temporal().settingDialog(stage);
        dialog.show();
        return dialog;
    }

    /** Opens the audit browser on {@code database} (View ▸ Audit Browser… uses {@code <baton home>/audit}). */
    AuditBrowser showAuditBrowser(Path database) {
        return replays.showBrowser(database);
    }

    /** File ▸ Export PNG / SVG. */
    ExportActions exports() {
        return new ExportActions(document, files, dialogs, () -> scene);
    }

    WindowLayout layout() {
        return layout;
    }

    DialogService dialogs() {
        return dialogs;
    }

    RunPanelSession runs() {
        return runs;
    }

    RunPanel runPanel() {
        return runPanel;
    }

    FlowDocument document() {
        return document;
    }

    FlowCanvas canvas() {
        return canvas;
    }

    EditActions edits() {
        return edits;
    }

    FileActions files() {
        return files;
    }

    PaletteModel palette() {
        return palette;
    }

    Stage stage() {
        return stage;
    }
}
