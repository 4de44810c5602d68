package dev.baton.ui.inspector;

import dev.baton.flow.AgentNode;
import dev.baton.flow.ContextMode;
import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.Flow;
import dev.baton.flow.JudgeStrategy;
import dev.baton.flow.ModelRef;
import dev.baton.flow.NodeKind;
import dev.baton.flow.OnExhausted;
import dev.baton.flow.RouterMode;
import dev.baton.flow.WorkerFailurePolicy;
import dev.baton.ui.document.FlowDocument;
import javafx.collections.SetChangeListener;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The inspector: a form for the selected node or edge, or for the flow when nothing (or several things) is selected.
 * A text field commits on Enter or when it loses focus, a choice at once; each commit is one command through
 * {@link InspectorModel}. The form is rebuilt only when the inspected element changes, so typing is never disturbed.
 */
public final class InspectorView extends ScrollPane {

    private final FlowDocument document;
    private final InspectorModel model;
    private final VBox form = new VBox(4);
    private final Label error = new Label();
    private final List<Runnable> refreshers = new ArrayList<>();
    private final ToolCatalog tools;
    private String shownTarget = "\u0000";

    public InspectorView(FlowDocument document) {
        this(document, new ToolCatalog());
    }

    /** @param tools the session's tool catalogue (MCP servers' lists are kept there) */
    public InspectorView(FlowDocument document, ToolCatalog tools) {
        this.document = document;
        this.tools = tools;
        tools.setFlowFile(document::fileForRelativePaths);
        this.model = new InspectorModel(document);
        form.getStyleClass().add("inspector");
        setContent(form);
        setFitToWidth(true);
        setMinWidth(240);
        setPrefWidth(300);
        error.getStyleClass().add("status-invalid");
        error.setWrapText(true);
        document.selection().addListener((SetChangeListener<String>) c -> refresh());
        document.flowProperty().addListener((o, a, b) -> refresh());
        refresh();
    }

    /** The session's tool catalogue, for the window to set who approves a server's start. */
    public ToolCatalog toolCatalog() {
        return tools;
    }

    private void refresh() {
        Optional<String> target = model.target();
        Flow flow = document.flow();
        String key = target.map(id -> flow.node(id).map(n -> "n:" + id + ":" + n.kind())
                .or(() -> flow.edge(id).map(e -> "e:" + id)).orElse("")).orElse("flow");
        if (key.isEmpty()) {
            key = "flow";
        }
        if (key.equals(shownTarget)) {
            refreshers.forEach(Runnable::run);
            return;
        }
        shownTarget = key;
        refreshers.clear();
        form.getChildren().clear();
        error.setText("");
        if (key.startsWith("n:")) {
            nodeForm(target.get());
        } else if (key.startsWith("e:")) {
            edgeForm(target.get());
        } else {
            flowForm();
        }
        form.getChildren().add(error);
        // another element's form starts at its top: kept, the scroll showed the new form from its middle (the flow's
        // "sim-1" with no label above it after a node's model fields had been scrolled to)
        setVvalue(getVmin());
    }

    /** A field's caption; it wraps at a narrow inspector rather than ending in "…" ("Model provider (empty: flow defa…"). */
    private static Label caption(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    private Label title(String text, String hint) {
        Label t = new Label(text);
        t.getStyleClass().add("inspector-title");
        Label h = new Label(hint);
        h.getStyleClass().add("inspector-hint");
        h.setWrapText(true);
        form.getChildren().addAll(t, h);
        return h;
    }

    private String flowHint() {
        return document.selection().size() > 1 ? document.selection().size() + " elements selected"
                : "Select a node or an edge to edit it.";
    }

    private void nodeForm(String id) {
        AgentNode n = document.flow().node(id).orElseThrow();
        title(n.kind().name().charAt(0) + n.kind().name().substring(1).toLowerCase(java.util.Locale.ROOT)
                + " · " + id, "Edits apply on Enter or when you leave a field; each is one undo step.");
        Supplier<AgentNode> node = () -> document.flow().node(id).orElse(n);
        nodeText("Name", id, InspectorModel.NodeField.NAME, false, node);
        if (n.kind() != NodeKind.START && n.kind() != NodeKind.OUTPUT) {
            nodeText("Role", id, InspectorModel.NodeField.ROLE, false, node);
            nodeText("Goal", id, InspectorModel.NodeField.GOAL, false, node);
        }
        nodeText(n.kind() == NodeKind.HUMAN ? "Question to the person" : "Instructions", id,
                InspectorModel.NodeField.INSTRUCTIONS, true, node);
        if (n.kind().callsModel()) {
            nodeChoice("Model provider (empty: flow default)", id, InspectorModel.NodeField.PROVIDER,
                    providers(true), node);
            Supplier<ModelRef> effective = () -> node.get().effectiveModel(document.flow().defaultModel());
            modelName("Model name", effective, () -> InspectorModel.read(node.get(), InspectorModel.NodeField
                    .MODEL_NAME), v -> model.commit(id, InspectorModel.NodeField.MODEL_NAME, v));
            nodeText("Base URL", id, InspectorModel.NodeField.BASE_URL, false, node);
            nodeText("Temperature (0–2, empty: default)", id, InspectorModel.NodeField.MODEL_TEMPERATURE,
                    false, node);
            nodeText("Max output tokens (empty: default)", id, InspectorModel.NodeField.MODEL_MAX_TOKENS,
                    false, node);
            nodeText("Model timeout (s, empty: 60)", id, InspectorModel.NodeField.MODEL_TIMEOUT_S, false, node);
        }
        if (n.kind() == NodeKind.AGENT || n.kind() == NodeKind.SUPERVISOR) {
            var picker = new ToolPicker(document, id, tools, error::setText);
            refreshers.add(picker::refresh);
            form.getChildren().add(picker);
            nodeText("Expected output", id, InspectorModel.NodeField.EXPECTED_OUTPUT, false, node);
        }
        if (n.kind() == NodeKind.SUPERVISOR) {
            nodeChoice("When a worker fails", id,
                    InspectorModel.NodeField.ON_WORKER_FAILURE, names(WorkerFailurePolicy.values()), node);
        }
        if (n.kind() == NodeKind.CRITIC) {
            nodeText("Rubric", id, InspectorModel.NodeField.RUBRIC, true, node);
            nodeText("Checks (one per line: regex:, mustContain:, length: MIN..MAX, jsonSchema:)", id,
                    InspectorModel.NodeField.CHECKS, true, node);
        }
        if (n.kind() == NodeKind.ROUTER) {
            nodeChoice("Mode (LLM: the model picks by the routes' descriptions; RULE: conditions in order)", id,
                    InspectorModel.NodeField.ROUTER_MODE, names(RouterMode.values()), node);
            Label routes = new Label("Routes: select a ROUTE edge to edit its description, condition, default and"
                    + " max visits.");
            routes.setWrapText(true);
            form.getChildren().add(routes);
        }
        if (n.kind() == NodeKind.JUDGE) {
            nodeChoice("Strategy", id, InspectorModel.NodeField.JUDGE_STRATEGY, names(JudgeStrategy.values()), node);
            nodeText("Verifier agent id (RE_VERIFY)", id, InspectorModel.NodeField.VERIFIER, false, node);
        }
    }

    private void edgeForm(String id) {
        Edge e = document.flow().edge(id).orElseThrow();
        title(e.kind().name().charAt(0) + e.kind().name().substring(1).toLowerCase(java.util.Locale.ROOT)
                + " edge", e.from() + " → " + e.to());
        Supplier<Edge> edge = () -> document.flow().edge(id).orElse(e);
        if (e.kind() == EdgeKind.REVIEWS) {
            edgeText("Max retries", id, InspectorModel.EdgeField.MAX_RETRIES, edge);
            edgeChoice("When retries run out", id, InspectorModel.EdgeField.ON_EXHAUSTED, names(OnExhausted.values()),
                    edge);
        } else {
            if (e.kind() == EdgeKind.ROUTE) {
                edgeText("Route description (what belongs on this route)", id,
                        InspectorModel.EdgeField.ROUTE_DESCRIPTION, edge);
                edgeText("Condition (RULE mode: contains: X · regex: P · json F = V · json F > N)", id,
                        InspectorModel.EdgeField.ROUTE_CONDITION, edge);
                edgeChoice("Default route", id, InspectorModel.EdgeField.ROUTE_DEFAULT, List.of("false", "true"),
                        edge);
                edgeText("Max visits (required on a route back to an earlier node)", id,
                        InspectorModel.EdgeField.MAX_VISITS, edge);
            }
            edgeChoice("Context passed on", id, InspectorModel.EdgeField.CONTEXT_MODE, names(ContextMode.values()),
                    edge);
            edgeText("Fields (FIELDS mode, comma-separated)", id, InspectorModel.EdgeField.FIELDS, edge);
            edgeText("Token budget (empty: none)", id, InspectorModel.EdgeField.TOKEN_BUDGET, edge);
        }
        edgeText("Label", id, InspectorModel.EdgeField.LABEL, edge);
    }

    private void flowForm() {
        Label hint = title("Flow", flowHint());
        // the form stays while a selection grows (a template's nodes are selected one by one): its count must not
        refreshers.add(() -> hint.setText(flowHint()));
        for (InspectorModel.FlowField f : InspectorModel.FlowField.values()) {
            String label = switch (f) {
                case NAME -> "Name";
                case DESCRIPTION -> "Description";
                case PROVIDER -> "Default model provider";
                case MODEL_NAME -> "Default model name";
                case BASE_URL -> "Default base URL";
                case MODEL_TEMPERATURE -> "Temperature (0–2, empty: default)";
                case MODEL_MAX_TOKENS -> "Max output tokens (empty: default)";
                case MODEL_TIMEOUT_S -> "Model timeout (s, empty: 60)";
                case MAX_TURNS -> "Max turns per agent";
                case MAX_HANDOFFS -> "Max handoffs (empty: unbounded)";
                case MAX_CRITIC_RETRIES -> "Max critic retries";
                case AGENT_TIMEOUT_S -> "Agent timeout (s)";
                case RUN_DEADLINE_S -> "Run deadline (s)";
                case TOKEN_BUDGET -> "Token budget (empty: none)";
            };
            if (f == InspectorModel.FlowField.PROVIDER) {
                choice(label, providers(false), () -> InspectorModel.read(document.flow(), f),
                        v -> model.commit(f, v));
            } else if (f == InspectorModel.FlowField.MODEL_NAME) {
                modelName(label, () -> document.flow().defaultModel(), () -> InspectorModel.read(document.flow(), f),
                        v -> model.commit(f, v));
            } else {
                text(label, f == InspectorModel.FlowField.DESCRIPTION,
                        () -> InspectorModel.read(document.flow(), f), v -> model.commit(f, v));
            }
        }
        javafx.scene.control.Button toolSettings = new javafx.scene.control.Button("Tool settings…");
        toolSettings.setId("tool-settings");
        toolSettings.setOnAction(e -> new ToolSettingsDialog(getScene().getWindow(), document)
                .show());
        Label toolsNow = new Label();
        toolsNow.getStyleClass().add("inspector-hint");
        toolsNow.setWrapText(true);
        Runnable toolsText = () -> toolsNow.setText(ToolSettingsDialog.summary(
                document.flow().tools()));
        toolsText.run();
        refreshers.add(toolsText);
        form.getChildren().addAll(caption("Tools: workspace, allowed hosts, MCP servers"), toolSettings, toolsNow);
    }

    private void nodeText(String label, String id, InspectorModel.NodeField f, boolean area, Supplier<AgentNode> n) {
        text(label, area, () -> InspectorModel.read(n.get(), f), v -> model.commit(id, f, v));
    }

    private void nodeChoice(String label, String id, InspectorModel.NodeField f, List<String> items,
                            Supplier<AgentNode> n) {
        choice(label, items, () -> InspectorModel.read(n.get(), f), v -> model.commit(id, f, v));
    }

    private void edgeText(String label, String id, InspectorModel.EdgeField f, Supplier<Edge> e) {
        text(label, false, () -> InspectorModel.read(e.get(), f), v -> model.commit(id, f, v));
    }

    private void edgeChoice(String label, String id, InspectorModel.EdgeField f, List<String> items,
                            Supplier<Edge> e) {
        choice(label, items, () -> InspectorModel.read(e.get(), f), v -> model.commit(id, f, v));
    }

    private void text(String label, boolean area, Supplier<String> read, Function<String, Optional<String>> commit) {
        TextInputControl field = area ? new TextArea() : new TextField();
        if (field instanceof TextArea ta) {
            ta.setWrapText(true);
            ta.setPrefRowCount(4);
        }
        field.setText(read.get());
        Runnable doCommit = () -> {
            if (!field.getText().strip().equals(read.get().strip())) {
                error.setText(commit.apply(field.getText()).orElse(""));
            }
        };
        if (field instanceof TextField tf) {
            tf.setOnAction(e -> doCommit.run());
        }
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                field.setText(read.get());
            }
        });
        field.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                doCommit.run();
            }
        });
        refreshers.add(() -> {
            if (!field.isFocused()) {
                field.setText(read.get());
            }
        });
        form.getChildren().addAll(caption(label), field);
    }

    private void modelName(String label, Supplier<ModelRef> effective, Supplier<String> read,
                           Function<String, Optional<String>> commit) {
        ModelNameBox box = new ModelNameBox(effective, read, commit, error::setText);
        box.setId("model-name");
        refreshers.add(box::refresh);
        form.getChildren().addAll(caption(label), box);
    }

    private void choice(String label, List<String> items, Supplier<String> read,
                        Function<String, Optional<String>> commit) {
        ComboBox<String> box = new ComboBox<>();
        box.getItems().setAll(items);
        box.setMaxWidth(Double.MAX_VALUE);
        box.setValue(read.get());
        box.valueProperty().addListener((o, a, b) -> {
            if (b != null && !b.equals(read.get())) {
                error.setText(commit.apply(b).orElse(""));
            }
        });
        refreshers.add(() -> box.setValue(read.get()));
        form.getChildren().addAll(caption(label), box);
    }

    private static List<String> providers(boolean withDefault) {
        List<String> list = new ArrayList<>();
        if (withDefault) {
            list.add("");
        }
        list.addAll(ModelRef.PROVIDERS.stream().sorted().toList());
        return list;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
