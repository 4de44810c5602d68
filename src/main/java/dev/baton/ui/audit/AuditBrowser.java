package dev.baton.ui.audit;

import dev.baton.audit.AuditStore.DecisionRecord;
import dev.baton.audit.AuditPaths;
import dev.baton.audit.AuditStore;
import dev.baton.audit.AuditStore.RunSummary;
import dev.baton.ui.fx.DialogService;
import dev.baton.ui.fx.Styles;
import dev.baton.ui.fx.Daemons;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The audit browser window: recorded runs page by page with filters, the selected run's events, handoffs (with the
 * context passed) and decisions (with reasons), and buttons to replay the run on the designer's canvas or export it
 * as JSON. All database reads happen on a background thread of its own.
 */
public final class AuditBrowser {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final Stage stage = new Stage();
    private final AuditBrowserModel model;
    private final ExecutorService reader = Executors.newSingleThreadExecutor(Daemons.named("baton-audit-browser"));
    private final TableView<RunSummary> runs = new TableView<>();
    /** While the window shows, looks every {@link #POLL} whether some process wrote to the database. */
    private final javafx.animation.Timeline poll;
    private boolean disposed;

    /** How often the open browser checks the database file for new runs (a size/time stat, off the FX thread). */
    static final javafx.util.Duration POLL = javafx.util.Duration.millis(1500);

    /**
     * @param database the audit database to browse
     * @param onReplay shows a loaded (not started) replay on the canvas, on the FX thread
     */
    public AuditBrowser(Window owner, Path database, DialogService dialogs, Consumer<AuditBrowserModel.LoadedReplay> onReplay) {
        this.model = AuditBrowserModel.forDatabase(database, reader, Platform::runLater);
        Path dataFile = AuditPaths.dataFile(database);
        // a run that ends (here, or from a terminal) shows up without a Search click
        this.poll = new javafx.animation.Timeline(new javafx.animation.KeyFrame(POLL,
                e -> model.refreshIfChanged(dataFile)));
        poll.setCycleCount(javafx.animation.Animation.INDEFINITE);
        model.refreshIfChanged(dataFile); // remembers the file; the first list is read by show()
        model.onReselect(r -> runs.getSelectionModel().select(r));
        stage.initOwner(owner);
        stage.setTitle("Audit Browser — " + database);
        BorderPane root = new BorderPane();
        root.setId("audit-browser");
        root.setTop(filters());
        root.setCenter(new SplitPane(runTable(), details()));
        ((SplitPane) root.getCenter()).setOrientation(Orientation.VERTICAL);
        root.setBottom(actions(dialogs, onReplay));
        Scene scene = new Scene(root, 1120, 680);
        Styles.install(scene);
        stage.setScene(scene);
        stage.setOnShown(e -> poll.play());
        stage.setOnHidden(e -> poll.stop());
        // closed by the user: the reader goes; hidden for a replay: it stays, and show() brings the same window back
        stage.setOnCloseRequest(e -> dispose());
    }

    /** Shows the window (again) and lists the newest runs; the selection and filters stay as they were. */
    public void show() {
        stage.show();
        stage.toFront();
        model.refresh();
    }

    /** Steps aside while a replay plays on the canvas; {@link #show()} brings it back as it was. */
    public void hideForReplay() {
        stage.hide();
    }

    /** True once the user closed the window: it cannot be shown again. */
    public boolean isDisposed() {
        return disposed;
    }

    private void dispose() {
        disposed = true;
        poll.stop();
        reader.shutdownNow();
    }

    public AuditBrowserModel model() {
        return model;
    }

    public Stage stage() {
        return stage;
    }

    private HBox filters() {
        TextField flow = new TextField();
        flow.setId("audit-flow-filter");
        flow.setPromptText("Flow id");
        flow.textProperty().bindBidirectional(model.flowFilter());
        ComboBox<String> status = new ComboBox<>();
        status.setId("audit-status-filter");
        status.getItems().add(null);
        status.getItems().addAll(AuditBrowserModel.STATUSES);
        status.setPromptText("Any status");
        status.valueProperty().bindBidirectional(model.statusFilter());
        DatePicker from = new DatePicker();
        from.setPromptText("From");
        from.valueProperty().bindBidirectional(model.fromDate());
        DatePicker to = new DatePicker();
        to.setPromptText("To (inclusive)");
        to.valueProperty().bindBidirectional(model.toDate());
        Button search = new Button("Search");
        search.setId("audit-search");
        search.setDefaultButton(true);
        search.setOnAction(e -> model.refresh());
        flow.setOnAction(e -> model.refresh());
        Button previous = new Button("◀");
        previous.disableProperty().bind(model.page().isEqualTo(0));
        previous.setOnAction(e -> model.previousPage());
        Button next = new Button("▶");
        next.disableProperty().bind(model.hasMore().not());
        next.setOnAction(e -> model.nextPage());
        Label page = new Label();
        page.textProperty().bind(Bindings.createStringBinding(() -> "page " + (model.page().get() + 1),
                model.page()));
        // dates shrink before the buttons and the page label do: a truncated "Se…" helps nobody
        from.setPrefWidth(150);
        // wide enough for its prompt: at 150 it read "To (inclusive"
        to.setPrefWidth(170);
        for (javafx.scene.control.Control c : List.of(search, previous, next, page, status)) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox bar = new HBox(8, flow, status, from, to, search, new Region(), previous, page, next);
        HBox.setHgrow(bar.getChildren().get(5), Priority.ALWAYS);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8));
        return bar;
    }

    private TableView<RunSummary> runTable() {
        runs.setId("audit-runs");
        runs.setItems(model.runs());
        runs.setPlaceholder(new Label("No runs listed."));
        runs.getColumns().addAll(List.of(
                column("Started", r -> WHEN.format(r.startedAt()), 175),
                column("Flow", r -> r.flowName() + " (" + r.flowId() + ")", 240),
                column("Status", r -> r.status() + (r.simulated() ? " · simulated" : ""), 190),
                column("Tokens", r -> String.valueOf(r.inputTokens() + r.outputTokens()), 80),
                column("Calls", r -> String.valueOf(r.modelCalls()), 60),
                tailColumn("Run id", RunSummary::runId, 330)));
        runs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> model.select(b));
        return runs;
    }

    private TabPane details() {
        TableView<AuditBrowserModel.EventRow> events = new TableView<>(model.events());
        events.setId("audit-events");
        events.setRowFactory(t -> {
            javafx.scene.control.TableRow<AuditBrowserModel.EventRow> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    showPayload(row.getItem());
                }
            });
            return row;
        });
        events.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && events.getSelectionModel().getSelectedItem() != null) {
                showPayload(events.getSelectionModel().getSelectedItem());
            }
        });
        events.setPlaceholder(new Label("Select a run to see its events; double-click one for its whole payload."));
        events.getColumns().addAll(List.of(
                column("Seq", e -> String.valueOf(e.seq()), 50),
                column("Time", AuditBrowserModel.EventRow::time, 190),
                column("Node", AuditBrowserModel.EventRow::node, 120),
                column("Kind", AuditBrowserModel.EventRow::kind, 140),
                column("Summary", AuditBrowserModel.EventRow::summary, 480)));
        TableView<AuditBrowserModel.TransferRow> handoffs = new TableView<>(model.transfers());
        handoffs.setId("audit-handoffs");
        handoffs.setPlaceholder(new Label("No handoffs or delegations in this run."));
        handoffs.getColumns().addAll(List.of(
                column("Seq", h -> String.valueOf(h.seq()), 50),
                column("Kind", AuditBrowserModel.TransferRow::kind, 90),
                column("From", AuditBrowserModel.TransferRow::from, 110),
                column("To", AuditBrowserModel.TransferRow::to, 110),
                column("Reason", AuditBrowserModel.TransferRow::reason, 200),
                column("What went along", h -> h.text().replaceAll("\\s+", " "), 460)));
        TableView<DecisionRecord> decisions = new TableView<>(model.decisions());
        decisions.setId("audit-decisions");
        decisions.getColumns().addAll(List.of(
                column("Seq", d -> String.valueOf(d.seq()), 50),
                column("Kind", DecisionRecord::kind, 120),
                column("Node", DecisionRecord::nodeId, 110),
                column("Subject", DecisionRecord::subject, 160),
                column("Outcome", DecisionRecord::outcome, 140),
                column("Reason", DecisionRecord::rationale, 400)));
        TableView<AuditStore.ToolCallRecord> tools = new TableView<>(model.toolCalls());
        tools.setId("audit-tool-calls");
        tools.setPlaceholder(new Label("No tool calls in this run."));
        tools.getColumns().addAll(List.of(
                column("Seq", t -> String.valueOf(t.seq()), 50),
                column("Agent", AuditStore.ToolCallRecord::agent, 110),
                column("Tool", t -> t.server().isEmpty() ? t.tool() : t.server() + "/" + t.tool(), 130),
                column("Status", t -> t.error() ? "error" : "ok", 60),
                column("Time", t -> t.durationMs() + " ms", 70),
                column("Arguments", t -> t.arguments().replaceAll("\\s+", " "), 240),
                column("Result", t -> t.result().replaceAll("\\s+", " "), 380)));
        javafx.scene.control.ScrollPane output = new javafx.scene.control.ScrollPane();
        output.setId("audit-output");
        output.setFitToWidth(true);
        output.setPadding(new Insets(8));
        Label noOutput = new Label("Select a run to see its final output.");
        output.setContent(noOutput);
        model.output().addListener((o, a, text) -> output.setContent(text == null || text.isEmpty()
                ? new Label(model.selected().get() == null ? "Select a run to see its final output."
                : "This run has no final output (" + model.selected().get().status() + ").")
                : dev.baton.ui.result.MarkdownView.render(text)));
        TabPane tabs = new TabPane(new Tab("Events", events), new Tab("Handoffs", handoffs),
                new Tab("Decisions", decisions), new Tab("Tool calls", tools), new Tab("Output", output));
        tabs.setId("audit-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        return tabs;
    }

    private HBox actions(DialogService dialogs, Consumer<AuditBrowserModel.LoadedReplay> onReplay) {
        Label message = new Label();
        message.setId("audit-message");
        message.textProperty().bind(model.message());
        Button replay = new Button("Replay on canvas");
        replay.setId("audit-replay");
        replay.disableProperty().bind(model.selected().isNull());
        replay.setOnAction(e -> model.replay(model.selected().get(), Platform::runLater)
                .thenAccept(r -> Platform.runLater(() -> {
                    hideForReplay(); // the canvas is what to watch now; View ▸ Audit Browser… brings this back
                    onReplay.accept(r);
                })));
        Button export = new Button("Export…");
        export.setId("audit-export");
        export.disableProperty().bind(model.selected().isNull());
        export.setOnAction(e -> {
            RunSummary run = model.selected().get();
            dialogs.chooseFileToSave("Export run", run.runId() + ".json", "json").ifPresent(f ->
                    model.export(run, f).thenAccept(p -> Platform.runLater(() ->
                            model.message().set("Exported to " + p))));
        });
        // the buttons keep their labels; a long message gives way (cut, whole in its tooltip) instead of them
        export.setMinWidth(Region.USE_PREF_SIZE);
        replay.setMinWidth(Region.USE_PREF_SIZE);
        message.setMinWidth(0);
        javafx.scene.control.Tooltip whole = new javafx.scene.control.Tooltip();
        whole.textProperty().bind(model.message());
        message.tooltipProperty().bind(javafx.beans.binding.Bindings.when(model.message().isEmpty())
                .then((javafx.scene.control.Tooltip) null).otherwise(whole));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, message, spacer, export, replay);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8));
        return bar;
    }

    /** An event's whole payload, indented JSON, in a window of its own (selectable, copyable). */
    private void showPayload(AuditBrowserModel.EventRow row) {
        javafx.scene.control.TextArea text = new javafx.scene.control.TextArea(row.payloadText());
        text.setId("audit-payload");
        text.setEditable(false);
        text.setWrapText(true);
        text.setStyle("-fx-font-family: monospace;");
        Stage window = new Stage();
        window.initOwner(stage);
        window.setTitle("Event #" + row.seq() + " · " + row.kind() + (row.node().isEmpty() ? "" : " · " + row.node()));
        Scene scene = new Scene(new BorderPane(text), 720, 520);
        Styles.install(scene);
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE) {
                window.close();
            }
        });
        window.setScene(scene);
        window.show();
    }

    /**
     * A column that, when narrow, cuts its text at the start: run ids begin with their time and end with their random,
     * telling part (what {@code baton audit show} accepts).
     */
    private static <S> TableColumn<S, String> tailColumn(String title, Function<S, String> value, double width) {
        TableColumn<S, String> c = column(title, value, width);
        c.setCellFactory(col -> {
            TableCell<S, String> cell = new TableCell<>() {
                @Override
                protected void updateItem(String item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty ? null : item);
                }
            };
            cell.setTextOverrun(OverrunStyle.LEADING_ELLIPSIS);
            return cell;
        });
        return c;
    }

    private static <S> TableColumn<S, String> column(String title, Function<S, String> value, double width) {
        TableColumn<S, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
