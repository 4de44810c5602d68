package dev.baton.ui.run;

/** One change of a node's state, in the order the view-model applied it. */
public record StateChange(String nodeId, NodeRunState state) {

    @Override
    public String toString() {
        return nodeId + ":" + state;
    }
}
