package dev.baton.flow;

/**
 * What a ROUTE edge says about its route.
 *
 * @param description what kind of input belongs on this route (an llm router shows it to the model)
 * @param condition   a rule router's test, or null (an llm router ignores it)
 * @param isDefault   the route taken when no condition holds (rule) or the model names no route (llm)
 * @param maxVisits   how often the route may be taken in one run, or null for no bound; required on a route that
 *                    leads back to an earlier node, so that the loop ends
 */
public record RouteSpec(String description, RouteCondition condition, boolean isDefault, Integer maxVisits) {

    /** A route with nothing said yet. */
    public static final RouteSpec EMPTY = new RouteSpec("", null, false, null);

    public RouteSpec {
        description = description == null ? "" : description;
    }

    public RouteSpec withDescription(String text) {
        return new RouteSpec(text, condition, isDefault, maxVisits);
    }

    public RouteSpec withCondition(RouteCondition c) {
        return new RouteSpec(description, c, isDefault, maxVisits);
    }

    public RouteSpec withDefault(boolean d) {
        return new RouteSpec(description, condition, d, maxVisits);
    }

    public RouteSpec withMaxVisits(Integer n) {
        return new RouteSpec(description, condition, isDefault, n);
    }
}
