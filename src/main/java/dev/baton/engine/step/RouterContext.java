package dev.baton.engine.step;

import java.util.List;

/** What a router may ask of the run: a {@link StepContext}, and recording the route it chose. */
public interface RouterContext extends StepContext {

    /** Records the decision: the route taken, the mode that chose it, the routes considered, and why. */
    void routeDecided(String routerId, String edgeId, String mode, List<String> considered, String target,
                      String reason);
}
