package dev.baton.ui.shell;

import dev.baton.flow.AgentNode;
import dev.baton.flow.ApprovalPolicy;
import dev.baton.flow.Edge;
import dev.baton.flow.Flow;
import dev.baton.flow.McpServerDecl;
import dev.baton.flow.NodeKind;
import dev.baton.flow.NodeToolSettings;
import dev.baton.flow.ToolSettings;
import dev.baton.flow.io.FlowFiles;
import dev.baton.ui.fx.Styles;
import dev.baton.ui.run.ToolCallRecord;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sets the designer up for the README's tool screenshots under a real display and prints READY when it is worth a
 * picture (the shell takes it with {@code import -window root}); not a test.
 * {@code ToolScreens picker|live WIDTH HEIGHT DIR}.
 */
public final class ToolScreens {

    private ToolScreens() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        double w = Double.parseDouble(args[1]);
        double h = Double.parseDouble(args[2]);
        Path dir = Path.of(args[3]);
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/invoices.csv"), "invoice,amount\nINV-7,1250\nINV-8,980\n");
        Files.writeString(dir.resolve("data/notes.md"), "# Notes\nQ3 revenue grew 12 %.\n");
        String fsServer = Path.of("target/mcp-servers/node_modules/@modelcontextprotocol/server-filesystem/dist/index.js")
                .toAbsolutePath().toString();
        Flow flow = Flow.empty("tools-demo", "Invoice review")
                .addNode(AgentNode.of("in", NodeKind.START, "Request").withPosition(40, 160))
                .addNode(AgentNode.of("analyst", NodeKind.AGENT, "Analyst").withRole("financial analyst")
                        .withTools(List.of("read_file", "calculator", "fs/read_text_file")).withPosition(280, 160))
                .addNode(AgentNode.of("writer", NodeKind.AGENT, "Report writer").withRole("writes the summary")
                        .withTools(List.of("write_file")).withToolSettings(new NodeToolSettings(4,
                                Map.of())).withPosition(540, 160))
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Report").withPosition(800, 160))
                .addEdge(Edge.next("e1", "in", "analyst"))
                .addEdge(Edge.next("e2", "analyst", "writer"))
                .addEdge(Edge.next("e3", "writer", "out"))
                .withTools(new ToolSettings("data", List.of(), List.of(new McpServerDecl("fs", "node",
                        List.of(fsServer, dir.resolve("data").toAbsolutePath().toString()), List.of(), null, null)), null,
                        Map.of("write_file", ApprovalPolicy.AUTO)));
        Path file = dir.resolve("invoice-review.json");
        FlowFiles.save(file, flow);
        Flow loaded = FlowFiles.load(file).flow();
        if (mode.equals("live")) {
            System.setProperty("baton.sim.latency", "1400");
            System.setProperty("baton.sim.tps", "60");
        }
        Platform.startup(() -> {
            Styles.applyTheme(Boolean.getBoolean("dark"));
            Stage stage = new Stage();
            DesignerWindow window = new DesignerWindow(stage, new FakeDialogs());
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(w);
            stage.setHeight(h);
            stage.show();
            window.document().replace(loaded, file);
            window.showCanvas();
            if (mode.equals("picker")) {
                window.document().select(List.of("analyst"));
                Platform.runLater(() -> {
                    window.stage().getScene().lookup("#list-tools-fs").fireEvent(
                            new javafx.event.ActionEvent());
                    ScrollPane sp = (ScrollPane) window.stage().getScene().lookup("#tool-picker").getParent()
                            .getParent().getParent().getParent();
                    new Thread(() -> {
                        try {
                            Thread.sleep(6000);
                        } catch (InterruptedException ignored) {
                            return;
                        }
                        Platform.runLater(() -> {
                            var picker = window.stage().getScene().lookup("#tool-picker");
                            double y = sp.getContent().sceneToLocal(picker.localToScene(0, 0)).getY();
                            double range = sp.getContent().getBoundsInLocal().getHeight()
                                    - sp.getViewportBounds().getHeight();
                            ((javafx.scene.control.TextInputControl) window.stage().getScene().lookup("#tool-search"))
                                    .setText(System.getProperty("search", "read"));
                            Platform.runLater(() -> Platform.runLater(() -> {
                                double range2 = sp.getContent().getBoundsInLocal().getHeight()
                                        - sp.getViewportBounds().getHeight();
                                sp.setVvalue(range2 <= 0 ? 0 : Math.min(1, (y - 10) / range2));
                            }));
                        });
                        try {
                            Thread.sleep(800);
                        } catch (InterruptedException ignored) {
                            return;
                        }
                        System.out.println("READY");
                    }).start();
                });
            } else {
                window.runs().setInputAsker((name, prompt, recent) ->
                        Optional.of("Check invoices.csv and compute 1250 * 12 + 300"));
                window.runs().run();
                var vm = window.runPanel().controller().viewModel();
                vm.toolCalls().addListener((ListChangeListener<ToolCallRecord>) c -> {
                    if (vm.toolCalls().size() >= 2 && vm.toolCalls().stream().noneMatch(ToolCallRecord::open)) {
                        System.out.println("READY");
                    }
                });
            }
        });
    }
}
