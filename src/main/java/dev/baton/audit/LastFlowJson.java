package dev.baton.audit;

import dev.baton.flow.Flow;
import dev.baton.flow.io.FlowJson;

/**
 * The canonical JSON of the last flow an audit listener was made for: runs of the same flow value follow each other,
 * so the flow is written once, not once per run. Any thread.
 */
final class LastFlowJson {

    private Flow lastFlow;
    private String lastFlowJson;

    /** The flow's canonical JSON, from the last call when it was for the same flow value. */
    String of(Flow flow) {
        synchronized (this) {
            if (flow == lastFlow) {
                return lastFlowJson;
            }
        }
        String json = FlowJson.write(flow);
        synchronized (this) {
            lastFlow = flow;
            lastFlowJson = json;
        }
        return json;
    }
}
