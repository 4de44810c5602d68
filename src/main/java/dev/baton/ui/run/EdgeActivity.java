package dev.baton.ui.run;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The live activity of one edge, a view-model (the canvas draws the edge itself with {@code EdgeSkin}): what last
 * travelled along it, for the travelling-token animation and its hover.
 */
public final class EdgeActivity {

    private final String edgeId;
    private final ObjectProperty<EdgeSignal> lastSignal = new SimpleObjectProperty<>(this, "lastSignal");
    private final ObjectProperty<EdgeSignal> lastPassed = new SimpleObjectProperty<>(this, "lastPassed");
    private final IntegerProperty traversals = new SimpleIntegerProperty(this, "traversals");
    private final BooleanProperty rejected = new SimpleBooleanProperty(this, "rejected");
    private final BooleanProperty chosen = new SimpleBooleanProperty(this, "chosen");
    private final ObjectProperty<Boolean> routed = new SimpleObjectProperty<>(this, "routed");

    EdgeActivity(String edgeId) {
        this.edgeId = edgeId;
    }

    public String edgeId() {
        return edgeId;
    }

    /** The last thing that travelled (context with its policy, handoff, delegation, answer, verdict). */
    public ObjectProperty<EdgeSignal> lastSignalProperty() {
        return lastSignal;
    }

    /**
     * The last work sent forward (context, handoff or delegation), which an answer back, a judge's choice or a critic's
     * verdict does not replace: what hovering the edge shows as "the context passed".
     */
    public ObjectProperty<EdgeSignal> lastPassedProperty() {
        return lastPassed;
    }

    /** Counts signals: a canvas starts one token animation per increment. */
    public IntegerProperty traversalsProperty() {
        return traversals;
    }

    /** A REVIEWS edge whose last verdict was a rejection (drawn red). */
    public BooleanProperty rejectedProperty() {
        return rejected;
    }

    /** A NEXT edge into a judge whose input the judge chose. */
    /** A ROUTE edge after its router decided: true taken, false not taken; null before any decision. */
    public ObjectProperty<Boolean> routedProperty() {
        return routed;
    }

    public BooleanProperty chosenProperty() {
        return chosen;
    }

    void signal(EdgeSignal s) {
        lastSignal.set(s);
        switch (s.kind()) {
            case CONTEXT, HANDOFF, DELEGATION -> lastPassed.set(s);
            default -> { }
        }
        traversals.set(traversals.get() + 1);
    }
}
