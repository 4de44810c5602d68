package dev.baton.ui.canvas.gestures;

import dev.baton.flow.EdgeKind;
import dev.baton.ui.document.ConnectionRules;
import dev.baton.ui.document.FlowDocument;
import dev.baton.ui.document.command.Connect;
import javafx.beans.property.StringProperty;
import javafx.css.PseudoClass;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.shape.Line;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Drags a new edge out of a port; the port decides the kind. Over each candidate target the validator is asked
 * (through {@link ConnectionRules}); a refused target turns the preview red and shows the reason next to the pointer,
 * and releasing there creates nothing.
 */
public final class ConnectGesture implements Gesture {

    private static final PseudoClass REFUSED = PseudoClass.getPseudoClass("refused");

    private final FlowDocument document;
    private final ConnectionRules rules;
    private final EdgeKind kind;
    private final String from;
    private final Function<MouseEvent, Point2D> toWorld;
    private final Function<Point2D, Optional<String>> nodeAt;
    private final Line preview;
    private final Label reason;
    private final StringProperty refusal;
    private String target;
    private ConnectionRules.Verdict verdict;

    /** The bits of the canvas this gesture draws into. */
    public record Feedback(Line preview, Label reason, StringProperty refusal) {
    }

    public ConnectGesture(FlowDocument document, ConnectionRules rules, EdgeKind kind, String from, Point2D fromPoint,
                          Function<MouseEvent, Point2D> toWorld, Function<Point2D, Optional<String>> nodeAt,
                          Feedback feedback) {
        this.document = document;
        this.rules = rules;
        this.kind = kind;
        this.from = from;
        this.toWorld = toWorld;
        this.nodeAt = nodeAt;
        this.preview = feedback.preview();
        this.reason = feedback.reason();
        this.refusal = feedback.refusal();
        preview.setStartX(fromPoint.getX());
        preview.setStartY(fromPoint.getY());
        preview.setEndX(fromPoint.getX());
        preview.setEndY(fromPoint.getY());
        preview.getStyleClass().setAll("connect-preview", "edge-" + kind.name().toLowerCase(java.util.Locale.ROOT));
        preview.pseudoClassStateChanged(REFUSED, false);
        preview.setVisible(true);
        refusal.set("");
    }

    @Override
    public String name() {
        return "CONNECT";
    }

    @Override
    public void dragged(MouseEvent e) {
        Point2D p = toWorld.apply(e);
        preview.setEndX(p.getX());
        preview.setEndY(p.getY());
        String over = nodeAt.apply(p).filter(id -> !id.equals(from)).orElse(null);
        if (over == null) {
            target = null;
            verdict = null;
        } else if (!over.equals(target)) {
            target = over;
            verdict = rules.check(document.flow(), kind, from, over);
        }
        boolean refused = verdict != null && !verdict.allowed();
        preview.pseudoClassStateChanged(REFUSED, refused);
        reason.setText(refused ? "Cannot connect: " + verdict.refusal().orElse("") : "");
        reason.setVisible(refused);
        reason.relocate(e.getX() + 14, e.getY() + 10);
    }

    @Override
    public void released(MouseEvent e) {
        dragged(e);
        preview.setVisible(false);
        reason.setVisible(false);
        if (verdict == null) {
            return;
        }
        if (verdict.allowed()) {
            document.execute(new Connect(verdict.edge()));
            document.select(List.of(verdict.edge().id()));
            refusal.set("");
        } else {
            refusal.set(verdict.refusal().orElse(""));
        }
    }

    @Override
    public void cancel() {
        preview.setVisible(false);
        reason.setVisible(false);
    }
}
