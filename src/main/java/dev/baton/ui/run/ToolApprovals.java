package dev.baton.ui.run;

import dev.baton.engine.ToolApproval;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * The tool calls of the watched run that wait for the user's approval, oldest first: the Run tab shows the oldest
 * ({@link #pending()}), and answering it shows the next. Parallel branches may each hold one.
 */
final class ToolApprovals {

    private final Map<String, ToolApprovalPrompt> waiting = new LinkedHashMap<>();
    private final ObjectProperty<ToolApprovalPrompt> pending = new SimpleObjectProperty<>(this, "pendingApproval");
    private BiPredicate<String, ToolApproval> approver = (id, a) -> false;

    ObjectProperty<ToolApprovalPrompt> pending() {
        return pending;
    }

    void setApprover(BiPredicate<String, ToolApproval> approver) {
        this.approver = approver;
    }

    void requested(ToolApprovalPrompt p) {
        waiting.put(p.requestId(), p);
        show();
    }

    void answered(String requestId) {
        waiting.remove(requestId);
        show();
    }

    /** True while a call of {@code nodeId} still waits. */
    boolean waitsFor(String nodeId) {
        return waiting.values().stream().anyMatch(p -> p.nodeId().equals(nodeId));
    }

    /** Sends {@code approval} for the call shown; the run's ToolApprovalAnswered event then takes it away. */
    boolean answer(ToolApproval approval) {
        ToolApprovalPrompt p = pending.get();
        return p != null && approver.test(p.requestId(), approval);
    }

    void clear() {
        waiting.clear();
        show();
    }

    private void show() {
        pending.set(waiting.isEmpty() ? null : waiting.values().iterator().next());
    }
}
