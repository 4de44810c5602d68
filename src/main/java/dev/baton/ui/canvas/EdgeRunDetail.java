package dev.baton.ui.canvas;

import dev.baton.flow.Edge;
import dev.baton.flow.EdgeKind;
import dev.baton.ui.run.EdgeSignal;
import dev.baton.ui.run.JudgeOutcome;

import java.util.Locale;
import java.util.function.UnaryOperator;

/** The text hovering an edge shows during and after a run: the context actually passed, answers, verdicts, choices. */
final class EdgeRunDetail {

    private EdgeRunDetail() {
    }

    /**
     * @param state    what travelled along the edge in the run
     * @param decision the decision of the judge the edge leads into, or null
     * @param names    node id to display name
     */
    static String describe(Edge edge, dev.baton.ui.run.EdgeActivity state, JudgeOutcome decision,
                           UnaryOperator<String> names) {
        StringBuilder out = new StringBuilder();
        EdgeSignal passed = state.lastPassedProperty().get();
        EdgeSignal last = state.lastSignalProperty().get();
        if (edge.kind() == EdgeKind.REVIEWS) {
            if (last == null) {
                out.append("No verdict yet in this run.");
            } else {
                out.append(last.kind() == EdgeSignal.Kind.REJECTION ? "Rejected " : "Passed ")
                        .append(names.apply(last.to()));
                if (!last.text().isBlank()) {
                    out.append(":\n").append(clip(last.text()));
                }
            }
            return out.toString();
        }
        if (passed == null) {
            out.append("Nothing has passed along this edge in this run yet.");
        } else {
            out.append(switch (passed.kind()) {
                case HANDOFF -> "Handoff ";
                case DELEGATION -> "Task delegated ";
                default -> "Context passed ";
            }).append(names.apply(passed.from())).append(" → ").append(names.apply(passed.to()));
            if (!passed.contextMode().isBlank()) {
                out.append(" (").append(passed.contextMode().toLowerCase(Locale.ROOT)).append(')');
            }
            out.append(":\n").append(clip(passed.text()));
        }
        if (last != null && last.kind() == EdgeSignal.Kind.RETURN) {
            out.append("\n\nAnswer back from ").append(names.apply(last.from())).append(":\n")
                    .append(clip(last.text()));
        }
        if (decision != null) {
            boolean merged = "merge".equalsIgnoreCase(decision.winner());
            boolean won = merged || edge.from().equals(decision.winner());
            out.append("\n\n").append(merged ? "The judge merged the inputs" : won ? "The judge chose this input"
                    : "The judge chose " + names.apply(decision.winner())).append(": ").append(clip(decision.rationale()));
        }
        return out.toString();
    }

    /** A few lines: a tooltip is not a reader (the Run tab's Node view is). */
    private static String clip(String text) {
        return TextPreview.of(text);
    }
}
