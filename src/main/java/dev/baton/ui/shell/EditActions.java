package dev.baton.ui.shell;

import dev.baton.ui.document.FlowClipboard;
import dev.baton.ui.document.FlowDocument;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Position;
import dev.baton.ui.document.command.AddNode;
import dev.baton.ui.document.command.Command;
import dev.baton.ui.document.command.Composite;
import dev.baton.ui.document.command.RemoveElements;
import dev.baton.ui.palette.AgentTemplate;
import javafx.geometry.Point2D;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** Delete, copy, cut, paste, duplicate, select all and template drops, each one command on the document. */
public final class EditActions {

    private static final double PASTE_OFFSET = 40;

    private final FlowDocument document;

    public EditActions(FlowDocument document) {
        this.document = document;
    }

    public void delete() {
        if (!document.selection().isEmpty()) {
            document.execute(new RemoveElements(new HashSet<>(document.selection())));
        }
    }

    public void copy() {
        FlowClipboard.copy(document.flow(), document.selection()).ifPresent(json -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(json);
            Clipboard.getSystemClipboard().setContent(content);
        });
    }

    public void cut() {
        copy();
        delete();
    }

    public void paste() {
        String text = Clipboard.getSystemClipboard().getString();
        if (text != null) {
            pasteText(text);
        }
    }

    /** Pastes clipboard JSON; the pasted nodes become the selection. */
    public boolean pasteText(String json) {
        return insertCopy(json, (String) null);
    }

    /**
     * Copy and paste in one step, without touching the system clipboard; Edit ▸ Undo then says "Undo Duplicate 1
     * node", the gesture the user made, not "Undo Paste 1 node". The copy goes into the free space nearest the
     * original (40 units down and right of it had put it over the original and its neighbour, to be dragged off).
     */
    public void duplicate() {
        List<AgentNode> nodes = document.flow().nodes().stream()
                .filter(n -> document.selection().contains(n.id())).toList();
        if (nodes.isEmpty()) {
            return;
        }
        double minX = nodes.stream().mapToDouble(n -> n.position().x()).min().orElse(0);
        double minY = nodes.stream().mapToDouble(n -> n.position().y()).min().orElse(0);
        double w = nodes.stream().mapToDouble(n -> n.position().x()).max().orElse(0) - minX
                + dev.baton.ui.canvas.geometry.NodeGeometry.WIDTH;
        double h = nodes.stream().mapToDouble(n -> n.position().y()).max().orElse(0) - minY
                + dev.baton.ui.canvas.geometry.NodeGeometry.HEIGHT;
        Position at = dev.baton.ui.document.TopologyTemplates.freePlace(document.flow(),
                new Position(minX + PASTE_OFFSET, minY + PASTE_OFFSET), w, h);
        FlowClipboard.copy(document.flow(), document.selection())
                .ifPresent(json -> insertCopy(json, at.x() - minX, at.y() - minY, "Duplicate"));
    }

    private boolean insertCopy(String json, String verb) {
        return insertCopy(json, PASTE_OFFSET, PASTE_OFFSET, verb);
    }

    private boolean insertCopy(String json, double dx, double dy, String verb) {
        List<String> ids = new ArrayList<>();
        Optional<Command> cmd = FlowClipboard.paste(document.flow(), json, dx, dy, ids);
        cmd.ifPresent(c -> {
            Command named = verb != null && c instanceof Composite paste
                    ? new Composite(paste.description().replaceFirst("^Paste", verb), paste.parts()) : c;
            document.execute(named);
            document.select(ids);
        });
        return cmd.isPresent();
    }

    public void selectAll() {
        List<String> ids = new ArrayList<>();
        document.flow().nodes().forEach(n -> ids.add(n.id()));
        document.flow().edges().forEach(e -> ids.add(e.id()));
        document.select(ids);
    }

    /** Adds a node from a template, centred on a world point (snapped to the grid when asked). */
    public AgentNode addFromTemplate(AgentTemplate template, Point2D centre, boolean snap) {
        double x = centre.getX() - dev.baton.ui.canvas.geometry.NodeGeometry.WIDTH / 2;
        double y = centre.getY() - dev.baton.ui.canvas.geometry.NodeGeometry.HEIGHT / 2;
        if (snap) {
            x = dev.baton.ui.canvas.geometry.NodeGeometry.snap(x);
            y = dev.baton.ui.canvas.geometry.NodeGeometry.snap(y);
        }
        AgentNode node = template.instantiate(document.flow(), new Position(x, y));
        document.execute(new AddNode(node));
        document.select(List.of(node.id()));
        return node;
    }
}
