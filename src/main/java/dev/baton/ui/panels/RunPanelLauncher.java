package dev.baton.ui.panels;

import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Flow;
import dev.baton.flow.ModelRef;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the designer shows about a flow's models (status bar labels, the simulated banner) and the simulated model's
 * settings its runs use; the checks before a run are the run service's preflight.
 */
public final class RunPanelLauncher {

    private RunPanelLauncher() {
    }

    /** The models the flow's model-calling nodes use, in order of first use. */
    public static List<ModelRef> models(Flow flow) {
        Set<ModelRef> refs = new LinkedHashSet<>();
        for (AgentNode n : flow.nodes()) {
            if (n.callsModel()) {
                refs.add(n.effectiveModel(flow.defaultModel()));
            }
        }
        return List.copyOf(refs);
    }

    /** "provider/model" labels of the models used, for the status bar. */
    public static String providerLabels(Flow flow) {
        return String.join(", ", models(flow).stream().map(ModelRef::label).distinct().toList());
    }

    /** True when any node runs on the simulated model (the canvas then says so). */
    public static boolean usesSimulated(Flow flow) {
        return models(flow).stream().anyMatch(ModelRef::isSimulated);
    }

    /** The model-calling nodes that run on the simulated model, in flow order. */
    public static List<AgentNode> simulatedNodes(Flow flow) {
        return flow.nodes().stream().filter(AgentNode::callsModel)
                .filter(n -> n.effectiveModel(flow.defaultModel()).isSimulated()).toList();
    }

    /**
     * The canvas banner's text: "" when no node runs simulated; which nodes do when only some do (names, at most
     * four, then a count), so that a mixed flow does not read as wholly offline.
     */
    public static String simulatedBanner(Flow flow) {
        List<AgentNode> sim = simulatedNodes(flow);
        if (sim.isEmpty()) {
            return "";
        }
        long calling = flow.nodes().stream().filter(AgentNode::callsModel).count();
        if (sim.size() == calling) {
            return "Simulated model — offline, no real AI calls";
        }
        // two nodes of the same name are told apart by their ids ("Writer, Writer" said nothing)
        java.util.Map<String, Long> uses = flow.nodes().stream().map(n -> n.name().isBlank() ? n.id() : n.name())
                .collect(java.util.stream.Collectors.groupingBy(x -> x, java.util.stream.Collectors.counting()));
        List<String> names = sim.stream().map(n -> n.name().isBlank() ? n.id()
                : uses.getOrDefault(n.name(), 0L) > 1 ? n.name() + " (" + n.id() + ")" : n.name()).toList();
        String shown = String.join(", ", names.subList(0, Math.min(4, names.size())))
                + (names.size() > 4 ? " and " + (names.size() - 4) + " more" : "");
        return "Simulated model — offline for " + shown;
    }

    /**
     * The simulated model's settings: system properties {@code baton.sim.latency} (ms per call) and
     * {@code baton.sim.tps} (streamed tokens per second) slow it down so that a run can be watched.
     */
    public static SimulatedModel.Settings simulatedSettings() {
        long latency = Long.getLong("baton.sim.latency", 0);
        int tps = Integer.getInteger("baton.sim.tps", 0);
        return SimulatedModel.Settings.DEFAULT.withLatency(Duration.ofMillis(Math.max(0, latency)), Math.max(0, tps));
    }
}
