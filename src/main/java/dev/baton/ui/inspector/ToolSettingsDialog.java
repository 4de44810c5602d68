package dev.baton.ui.inspector;

import dev.baton.flow.Flow;
import dev.baton.flow.ToolSettings;
import dev.baton.ui.document.FlowDocument;
import dev.baton.ui.document.command.EditFlow;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.ArrayList;
import java.util.List;

/**
 * The flow's tool settings in one dialog, opened from the flow inspector: the workspace folder, the hosts the http
 * tools may reach, the default bound on tool calls, approval policies by tool, and the MCP servers (a command with
 * its arguments and the NAMES of its environment variables, or a URL with header names and the variables holding
 * their values). OK applies them as one undoable edit; a text that cannot be used says so and changes nothing.
 */
public final class ToolSettingsDialog {

    private final Stage stage = new Stage();
    private final FlowDocument document;
    private final TextField workspace = new TextField();
    private final TextArea hosts = area(3);
    private final TextField maxCalls = new TextField();
    private final TextArea approval = area(3);
    private final VBox servers = new VBox(8);
    private final List<ServerEditor> editors = new ArrayList<>();
    private final Label error = new Label();

    public ToolSettingsDialog(Window owner, FlowDocument document) {
        this.document = document;
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Tool settings");
        ToolSettingsForm.Fields f = ToolSettingsForm.fields(document.flow().tools());
        workspace.setText(f.workspace());
        workspace.setId("tools-workspace");
        workspace.setPromptText("a folder relative to the flow file, e.g. data");
        hosts.setText(f.hosts());
        hosts.setId("tools-hosts");
        hosts.setPromptText("one per line: en.wikipedia.org, *.example.com, localhost:8080");
        maxCalls.setText(f.maxToolCalls());
        maxCalls.setId("tools-max-calls");
        maxCalls.setPromptText("empty: 20");
        approval.setText(f.approval());
        approval.setId("tools-approval");
        approval.setPromptText("one per line: write_file = ask, fs/read_text_file = auto");
        f.servers().forEach(this::addServer);
        Button add = new Button("Add MCP server");
        add.setId("tools-add-server");
        add.setOnAction(e -> addServer(new ToolSettingsForm.ServerFields("", "", "", "", "", "")));

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.addRow(0, new Label("Workspace folder"), workspace);
        grid.addRow(1, new Label("HTTP allow-list"), hosts);
        grid.addRow(2, new Label("Max tool calls"), maxCalls);
        grid.addRow(3, new Label("Approval by tool"), approval);
        GridPane.setHgrow(workspace, Priority.ALWAYS);
        Label hint = new Label("Only the names of variables are written into the flow; their values come from the "
                + "environment or ~/.baton/credentials when a server starts.");
        hint.setWrapText(true);
        hint.getStyleClass().add("inspector-hint");
        error.getStyleClass().add("status-invalid");
        error.setWrapText(true);
        error.setId("tools-error");
        Button ok = new Button("OK");
        ok.setId("tools-ok");
        ok.setDefaultButton(true);
        ok.setOnAction(e -> apply());
        Button cancel = new Button("Cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> stage.close());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, spacer, cancel, ok);
        Label serversTitle = new Label("MCP servers");
        serversTitle.getStyleClass().add("tool-section");
        VBox content = new VBox(10, grid, serversTitle, servers, add, hint, error);
        content.setPadding(new Insets(12));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        VBox root = new VBox(scroll, buttons);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        buttons.setPadding(new Insets(8, 12, 12, 12));
        Scene scene = new Scene(root, 620, 560);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
    }

    private void addServer(ToolSettingsForm.ServerFields s) {
        ServerEditor ed = new ServerEditor(s, editors.size() + 1);
        ed.remove.setOnAction(e -> {
            editors.remove(ed);
            servers.getChildren().remove(ed.box);
        });
        editors.add(ed);
        servers.getChildren().add(ed.box);
    }

    private void apply() {
        ToolSettings settings;
        try {
            settings = ToolSettingsForm.read(new ToolSettingsForm.Fields(workspace.getText(), hosts.getText(),
                    maxCalls.getText(), approval.getText(), editors.stream().map(ServerEditor::fields).toList()));
        } catch (IllegalArgumentException e) {
            error.setText(e.getMessage());
            return;
        }
        Flow before = document.flow();
        if (!settings.equals(before.tools())) {
            document.execute(new EditFlow(before, before.withTools(settings), "tool settings"));
        }
        stage.close();
    }

    /** One line for the flow inspector: what the flow's tool settings hold. */
    public static String summary(ToolSettings t) {
        if (t.isEmpty()) {
            return "No workspace, no allowed hosts, no MCP servers.";
        }
        return "Workspace: " + (t.workspace() == null ? "none" : t.workspace()) + " · hosts: "
                + (t.httpAllowHosts().isEmpty() ? "none" : String.join(", ", t.httpAllowHosts())) + " · MCP: "
                + (t.mcpServers().isEmpty() ? "none" : String.join(", ", t.mcpServers().stream()
                .map(dev.baton.flow.McpServerDecl::name).toList()));
    }

    public void show() {
        stage.show();
    }

    public Stage stage() {
        return stage;
    }

    private static TextArea area(int rows) {
        TextArea a = new TextArea();
        a.setPrefRowCount(rows);
        a.setWrapText(false);
        return a;
    }

    /** The fields of one server. */
    private static final class ServerEditor {
        final TextField name = new TextField();
        final TextField command = new TextField();
        final TextArea args = area(2);
        final TextField env = new TextField();
        final TextField url = new TextField();
        final TextField headers = new TextField();
        final Button remove = new Button("Remove");
        final VBox box;

        ServerEditor(ToolSettingsForm.ServerFields s, int n) {
            name.setText(s.name());
            command.setText(s.command());
            args.setText(s.args());
            env.setText(s.env());
            url.setText(s.url());
            headers.setText(s.headers());
            name.setId("server-name-" + n);
            command.setId("server-command-" + n);
            args.setId("server-args-" + n);
            env.setId("server-env-" + n);
            url.setId("server-url-" + n);
            headers.setId("server-headers-" + n);
            command.setPromptText("stdio: the program, e.g. npx");
            args.setPromptText("its arguments, one per line");
            env.setPromptText("names of variables it gets, comma-separated");
            url.setPromptText("or Streamable HTTP: https://host/mcp");
            headers.setPromptText("Header=VARIABLE, comma-separated");
            GridPane g = new GridPane();
            g.setHgap(8);
            g.setVgap(4);
            g.addRow(0, new Label("Name"), name, remove);
            g.addRow(1, new Label("Command"), command);
            g.addRow(2, new Label("Arguments"), args);
            g.addRow(3, new Label("Env names"), env);
            g.addRow(4, new Label("URL"), url);
            g.addRow(5, new Label("Header names"), headers);
            GridPane.setHgrow(name, Priority.ALWAYS);
            box = new VBox(g);
            box.getStyleClass().add("tool-server-editor");
        }

        ToolSettingsForm.ServerFields fields() {
            return new ToolSettingsForm.ServerFields(name.getText(), command.getText(), args.getText(), env.getText(),
                    url.getText(), headers.getText());
        }
    }
}
