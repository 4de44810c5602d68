package dev.baton.ui.inspector;

import dev.baton.flow.ApprovalPolicy;
import dev.baton.flow.McpServerDecl;
import dev.baton.tool.ToolDescriptor;
import dev.baton.ui.document.FlowDocument;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The inspector's tool picker for one agent: a search box, the built-in tools and each declared MCP server's tools
 * (listed when the user asks, see {@link ToolCatalog}) with a check box, the risk, the policy a call gets and a
 * per-node override, the description and the parameters in a line; and the node's bound on tool calls. Every
 * change is one command through {@link ToolPickerModel}.
 */
public final class ToolPicker extends VBox {

    private static final String DEFAULT_PREFIX = "default · ";

    private final FlowDocument document;
    private final ToolPickerModel model;
    private final ToolCatalog catalog;
    private final Consumer<String> error;
    private final TextField search = new TextField();
    private final VBox sections = new VBox(3);
    private final TextField maxCalls = new TextField();
    private final Set<McpServerDecl> watched = new HashSet<>();
    private final InvalidationListener serverChanged = o -> rebuild();

    /** @param error shows a one-line message (the inspector's error label) */
    public ToolPicker(FlowDocument document, String nodeId, ToolCatalog catalog, Consumer<String> error) {
        super(4);
        this.document = document;
        this.model = new ToolPickerModel(document, nodeId);
        this.catalog = catalog;
        this.error = error;
        getStyleClass().add("tool-picker");
        setId("tool-picker");
        Label title = new Label("Tools");
        title.getStyleClass().add("tool-picker-title");
        search.setPromptText("Search tools by name or description");
        search.setId("tool-search");
        search.textProperty().addListener((o, a, b) -> rebuild());
        sections.setId("tool-rows");
        maxCalls.setId("max-tool-calls");
        maxCalls.setPromptText(document.flow().tools().maxToolCalls() == null ? "flow's (20)"
                : "flow's (" + document.flow().tools().maxToolCalls() + ")");
        maxCalls.setText(model.maxToolCalls());
        maxCalls.setOnAction(e -> commitMax());
        maxCalls.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                commitMax();
            }
        });
        Label maxLabel = new Label("Max tool calls per activation (empty: the flow's)");
        maxLabel.setWrapText(true);
        getChildren().addAll(title, search, sections, maxLabel, maxCalls);
        rebuild();
    }

    private void commitMax() {
        if (!maxCalls.getText().strip().equals(model.maxToolCalls())) {
            error.accept(model.setMaxToolCalls(maxCalls.getText()).orElse(""));
        }
    }

    /** Shows the node as it is now (after an edit or an undo); FX thread. */
    public void refresh() {
        if (!maxCalls.isFocused()) {
            maxCalls.setText(model.maxToolCalls());
        }
        rebuild();
    }

    private void rebuild() {
        if (model.node().isEmpty()) {
            return;
        }
        List<javafx.scene.Node> out = new ArrayList<>();
        out.add(section("Built-in"));
        List<ToolPickerModel.Row> builtIns = model.rows("", ToolCatalog.builtIns(), search.getText());
        builtIns.forEach(r -> out.add(row(r)));
        int shown = builtIns.size();
        for (McpServerDecl decl : document.flow().tools().mcpServers()) {
            var state = catalog.server(decl);
            if (watched.add(decl)) {
                state.addListener(new WeakInvalidationListener(serverChanged));
            }
            out.add(serverHeader(decl, state.get()));
            Map<String, String> unavailable = state.get().unavailable();
            // a chosen tool the server lists as unavailable gets its own row below, saying why
            List<ToolPickerModel.Row> rows = model.rows(decl.name(), state.get().tools(), search.getText()).stream()
                    .filter(r -> !unavailable.containsKey(r.key().substring(decl.name().length() + 1))).toList();
            rows.forEach(r -> out.add(row(r)));
            shown += rows.size();
            List<javafx.scene.Node> cannot = UnavailableToolRows.rows(decl.name(), unavailable, search.getText(),
                    model);
            out.addAll(cannot);
            shown += cannot.size();
        }
        if (shown == 0) {
            Label none = new Label("No tool matches '" + search.getText().strip() + "'.");
            none.getStyleClass().add("inspector-hint");
            out.add(none);
        }
        sections.getChildren().setAll(out);
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("tool-section");
        return l;
    }

    private javafx.scene.Node serverHeader(McpServerDecl decl, ToolCatalog.ServerTools st) {
        Label name = section("MCP server · " + decl.name());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button list = new Button(st.status() == ToolCatalog.Status.FAILED ? "Try again" : "List tools");
        list.setId("list-tools-" + decl.name());
        list.getStyleClass().add("tool-list-button");
        list.setDisable(st.status() == ToolCatalog.Status.LISTING || st.status() == ToolCatalog.Status.LISTED);
        list.setOnAction(e -> catalog.list(decl));
        list.setTooltip(new Tooltip("Starts " + (decl.isStdio() ? decl.command() : decl.url())
                + " once to ask for its tools, then stops it"));
        HBox head = new HBox(6, name, spacer, list);
        head.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Label status = new Label(switch (st.status()) {
            case NOT_LISTED -> "Tools not listed yet: List tools starts the server once.";
            case LISTING -> "Starting the server and listing its tools…";
            case LISTED -> st.tools().size() + " tools";
            case FAILED -> st.problem();
        });
        status.setId("tool-server-status-" + decl.name());
        status.setWrapText(true);
        status.getStyleClass().add(st.status() == ToolCatalog.Status.FAILED ? "status-invalid" : "inspector-hint");
        return new VBox(1, head, status);
    }

    private javafx.scene.Node row(ToolPickerModel.Row r) {
        ToolDescriptor d = r.descriptor();
        String shown = r.server().isEmpty() ? r.key() : r.key().substring(r.server().length() + 1);
        CheckBox check = new CheckBox(shown);
        // tool names hold underscores, which are not mnemonics here. A server's tool name can be long
        // (get_pull_request_review_comments): it gives way (ellipsis, whole in the tooltip) rather than widen the
        // inspector past its width, which cut every row's policy box and the List tools button
        check.setMnemonicParsing(false);
        check.setMinWidth(0);
        check.setTooltip(new Tooltip(shown));
        check.getStyleClass().add("tool-check");
        check.setSelected(r.selected());
        check.selectedProperty().addListener((o, was, now) -> model.setSelected(r.key(), now));
        Label risk = new Label(d == null ? "?" : riskWord(d));
        risk.setMinWidth(Region.USE_PREF_SIZE);
        risk.getStyleClass().addAll("tool-risk", d == null ? "risk-unknown"
                : "risk-" + d.risk().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        ComboBox<String> policy = new ComboBox<>();
        policy.getStyleClass().add("tool-policy");
        policy.setMinWidth(Region.USE_PREF_SIZE);
        ApprovalPolicy inherited = r.override() == null ? r.effective() : null;
        String defaultItem = DEFAULT_PREFIX + (inherited != null ? inherited.word() + (r.source().equals("flow")
                ? " (flow)" : "") : "…");
        policy.getItems().setAll(defaultItem, "auto", "ask", "deny");
        policy.setValue(r.override() == null ? defaultItem : r.override().word());
        policy.setDisable(!r.selected());
        policy.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                model.setPolicy(r.key(), b.startsWith(DEFAULT_PREFIX) ? null : ApprovalPolicy.of(b).orElse(null));
            }
        });
        policy.setTooltip(new Tooltip("What a call of this tool by this agent does: auto runs it, ask waits for "
                + "your approval, deny refuses it"));
        HBox head = new HBox(6, check, risk);
        head.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox box = new VBox(1, head);
        Label params;
        if (d != null) {
            Label desc = new Label(d.description());
            desc.getStyleClass().add("tool-desc");
            desc.setWrapText(true);
            box.getChildren().add(desc);
            params = new Label(SchemaSummary.of(d.parameters()));
            params.getStyleClass().add("tool-params");
        } else {
            params = new Label(r.server().isEmpty() ? "not a tool Baton knows"
                    : "not listed: List tools above to see what it is");
            params.getStyleClass().add("inspector-hint");
        }
        params.setWrapText(true);
        params.setMinWidth(0);
        HBox.setHgrow(params, Priority.ALWAYS);
        params.setMaxWidth(Double.MAX_VALUE);
        // the policy sits beside the parameters: a long tool name on the first line never squeezes it
        HBox foot = new HBox(6, params, policy);
        foot.setAlignment(javafx.geometry.Pos.TOP_LEFT);
        box.getChildren().add(foot);
        box.getStyleClass().add("tool-row");
        if (r.selected()) {
            box.getStyleClass().add("tool-row-selected");
        }
        box.setUserData(r.key());
        return box;
    }

    private static String riskWord(ToolDescriptor d) {
        return switch (d.risk()) {
            case READ_ONLY -> "reads";
            case WRITES -> "writes";
            case DESTRUCTIVE -> "destructive";
        };
    }
}
