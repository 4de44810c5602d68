package dev.baton.ui.result;

import dev.baton.engine.RunEvent;
import dev.baton.ui.run.NodeRecord;
import dev.baton.ui.run.RunViewModel;
import dev.baton.ui.run.ToolCallRecord;
import javafx.beans.InvalidationListener;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.Locale;

/**
 * One node of a run, whole: what it received (and along which edge, through which context policy), its input, the
 * exact prompt messages of each model call, its output rendered as markdown, and each call's tokens, latency and
 * cost. Filled only from the run's events (live or replayed), so a replay from the audit browser shows the same.
 */
public final class NodeInspectorView extends ScrollPane {

    /** A tool's result is shown up to this many characters: the inspection is a pane, not a file viewer. */
    static final int MAX_TOOL_RESULT = 4000;

    private final VBox content = new VBox(10);
    private final InvalidationListener refresh = o -> refresh();
    private RunViewModel vm;
    private String nodeId = "";

    public NodeInspectorView() {
        setId("node-inspector");
        getStyleClass().add("node-inspector");
        setFitToWidth(true);
        content.getStyleClass().add("node-inspector-content");
        setContent(content);
        refresh();
    }

    /** Shows {@code id} of {@code run}, and follows the run's later events for it. */
    public void show(RunViewModel run, String id) {
        if (vm != null) {
            vm.records().revisionProperty().removeListener(refresh);
            vm.toolCalls().removeListener(refresh);
        }
        vm = run;
        nodeId = id == null ? "" : id;
        if (vm != null) {
            vm.records().revisionProperty().addListener(refresh);
            vm.toolCalls().addListener(refresh);
        }
        refresh();
        setVvalue(0);
    }

    /** The node shown, "" when none. */
    public String nodeId() {
        return nodeId;
    }

    private void refresh() {
        content.getChildren().clear();
        NodeRecord r = vm == null || nodeId.isBlank() ? null : vm.records().of(nodeId).orElse(null);
        if (r == null || !r.hasData()) {
            content.getChildren().add(new Label(nodeId.isBlank()
                    ? "Select a node on the canvas to see what it received, its prompt, output and model calls."
                    : vm == null ? "No run is shown: run the flow or replay one from the audit browser."
                    : "Nothing has reached " + name() + " in this run yet."));
            return;
        }
        content.getChildren().add(styled(new Label(name() + summary(r)), "inspect-title"));
        if (!r.error().isEmpty()) {
            content.getChildren().add(styled(text("Failed: " + r.error()), "inspect-error"));
        }
        if (!r.received().isEmpty()) {
            section("Received");
            for (NodeRecord.Received in : r.received()) {
                content.getChildren().add(styled(new Label(describe(in)), "inspect-caption"));
                content.getChildren().add(styled(text(in.text()), "inspect-text"));
            }
        }
        List<String> inputs = r.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            section(inputs.size() == 1 ? "Input" : "Input · activation " + (i + 1));
            content.getChildren().add(styled(text(inputs.get(i)), "inspect-text"));
        }
        for (int i = 0; i < r.calls().size(); i++) {
            NodeRecord.ModelCall call = r.calls().get(i);
            if (call.prompt().isEmpty()) {
                continue;
            }
            section("Prompt · call " + (i + 1) + " (" + call.label() + ")");
            for (RunEvent.PromptMessage m : call.prompt()) {
                content.getChildren().add(styled(new Label(m.role() + (m.name().isBlank() ? "" : " · " + m.name())),
                        "inspect-role"));
                content.getChildren().add(styled(text(m.text()), "inspect-message"));
            }
        }
        if (!r.output().isEmpty()) {
            section("Output");
            content.getChildren().add(MarkdownView.render(r.output()));
        }
        List<ToolCallRecord> tools = vm.toolCalls().stream().filter(t -> t.nodeId().equals(nodeId)).toList();
        if (!tools.isEmpty()) {
            section("Tool calls");
            for (int i = 0; i < tools.size(); i++) {
                ToolCallRecord t = tools.get(i);
                content.getChildren().add(styled(new Label((i + 1) + ". " + t.label() + " · " + t.status().word()
                        + (t.open() ? "" : " · " + t.durationMs() + " ms · " + t.bytes() + " bytes"
                        + (t.truncated() ? " · truncated" : ""))), "inspect-role"));
                content.getChildren().add(styled(text(t.argumentsJson()), "inspect-message"));
                if (!t.open()) {
                    content.getChildren().add(styled(text(t.content().length() <= MAX_TOOL_RESULT ? t.content()
                            : t.content().substring(0, MAX_TOOL_RESULT) + "…"),
                            t.status() == ToolCallRecord.Status.OK ? "inspect-text" : "inspect-error"));
                }
            }
        }
        if (!r.calls().isEmpty()) {
            section("Model calls");
            content.getChildren().add(callTable(r.calls()));
        }
        if (!r.timings().isEmpty()) {
            section("Time");
            for (int i = 0; i < r.timings().size(); i++) {
                content.getChildren().add(styled(new Label(timing(r.timings(), i)), "inspect-timing"));
            }
        }
    }

    /** "latency 1.2 s · waited 40 s at a breakpoint or for a person", per activation when there are several. */
    static String timing(List<NodeRecord.Timing> timings, int i) {
        NodeRecord.Timing t = timings.get(i);
        return (timings.size() == 1 ? "" : "Activation " + (i + 1) + ": ") + "latency " + t.latencyMs() + " ms"
                + (t.waitedMs() > 0 ? " · waited " + t.waitedMs() + " ms at a breakpoint or for a person"
                : " · no waiting");
    }

    private String name() {
        String name = vm == null ? nodeId : vm.nameOf(nodeId);
        return name.equals(nodeId) ? nodeId : name + " (" + nodeId + ")";
    }

    private static String summary(NodeRecord r) {
        long tokens = r.calls().stream().mapToLong(c -> c.inputTokens() + c.outputTokens()).sum();
        return r.calls().isEmpty() ? "" : " · " + r.calls().size() + " model call" + (r.calls().size() == 1 ? "" : "s")
                + " · " + tokens + " tok" + cost(r.calls().stream().map(NodeRecord.ModelCall::costUsd).toList());
    }

    private static String cost(List<Double> costs) {
        if (costs.stream().allMatch(c -> c == null)) {
            return "";
        }
        double sum = costs.stream().filter(c -> c != null).mapToDouble(Double::doubleValue).sum();
        return String.format(Locale.ROOT, " · $%.4f", sum);
    }

    static String describe(NodeRecord.Received in) {
        String what = switch (in.via()) {
            case "handoff" -> "Handoff from " + in.from();
            case "delegation" -> "Task delegated by " + in.from();
            case "return" -> "Answer returned by " + in.from();
            case "rejection" -> "Rejected by " + in.from();
            case "answer" -> "Your answer";
            default -> "Context from " + in.from();
        };
        return what + (in.edgeId().isBlank() ? "" : " along " + in.edgeId())
                + (in.policy().isBlank() ? "" : " · " + in.policy());
    }

    private GridPane callTable(List<NodeRecord.ModelCall> calls) {
        GridPane grid = new GridPane();
        grid.getStyleClass().addAll("md-table", "inspect-calls");
        String[] head = {"#", "model", "in tok", "out tok", "latency", "cost", "note"};
        for (int c = 0; c < head.length; c++) {
            grid.add(cell(head[c], "md-th"), c, 0);
        }
        for (int i = 0; i < calls.size(); i++) {
            NodeRecord.ModelCall call = calls.get(i);
            String[] cells = {String.valueOf(i + 1), call.label(),
                    call.inputTokens() + (call.tokensReported() ? "" : "≈"),
                    call.outputTokens() + (call.tokensReported() ? "" : "≈"), call.latencyMs() + " ms",
                    call.costUsd() == null ? "—" : String.format(Locale.ROOT, "$%.4f", call.costUsd()),
                    call.simulated() ? "simulated" : ""};
            for (int c = 0; c < cells.length; c++) {
                grid.add(cell(cells[c], "md-td"), c, i + 1);
            }
        }
        return grid;
    }

    /** A table cell that fills its column, so that a header's frame lines up with the cells below it. */
    private static Label cell(String text, String style) {
        Label l = styled(new Label(text), style);
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }

    private void section(String title) {
        content.getChildren().add(styled(new Label(title), "inspect-section"));
    }

    private static Label text(String s) {
        Label l = new Label(s == null || s.isEmpty() ? "(empty)" : s);
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }

    private static <T extends javafx.scene.Node> T styled(T node, String style) {
        node.getStyleClass().add(style);
        return node;
    }
}
