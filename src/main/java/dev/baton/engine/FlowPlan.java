package dev.baton.engine;

import dev.baton.engine.step.FlowIndex;
import dev.baton.engine.topology.ChainStep;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Flow;
import dev.baton.flow.ModelRef;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What a runner derives from a flow before running it; immutable, so reruns of the same flow share it. */
final class FlowPlan {

    final Flow flow;
    final FlowIndex index;
    final ChainStep.Plan chain;
    final List<String> providers;
    final boolean simulated;

    FlowPlan(Flow flow) {
        this.flow = flow;
        this.index = new FlowIndex(flow);
        this.chain = new ChainStep.Plan(flow, index);
        Set<String> labels = new LinkedHashSet<>();
        boolean allSimulated = true;
        for (AgentNode n : flow.nodes()) {
            if (n.callsModel()) {
                ModelRef ref = n.effectiveModel(flow.defaultModel());
                labels.add(ref.label());
                allSimulated &= ref.isSimulated();
            }
        }
        this.providers = List.copyOf(labels);
        this.simulated = allSimulated;
    }
}
