package dev.baton.flow;

import java.util.List;
import java.util.Objects;

/**
 * One node of a flow. All kinds share one record so that the canvas, the file format and the engine handle them
 * alike; the kind-specific parts ({@link #critic()}, {@link #judge()}) are null for other kinds.
 *
 * @param id             unique within the flow; referenced by edges
 * @param kind           what the node is
 * @param name           shown on the canvas ("Market Researcher")
 * @param role           one line: who this agent is
 * @param goal           one line: what it is for (used to describe it to supervisors and swarm peers)
 * @param instructions   the system prompt; for HUMAN the question asked
 * @param model          model override, or null to use the flow's default
 * @param tools          names of tools the agent may call
 * @param expectedOutput what a good output looks like
 * @param position       place on the canvas
 * @param critic         CRITIC only
 * @param judge          JUDGE only
 * @param router         ROUTER only: how it picks a route (its routes are its outgoing ROUTE edges)
 * @param onWorkerFailure SUPERVISOR only: what happens when a worker fails; null means {@link WorkerFailurePolicy#REPORT}
 * @param toolSettings   the node's tool-call bound and approval policies over the flow's; null for none
 */
public record AgentNode(String id, NodeKind kind, String name, String role, String goal, String instructions,
                        ModelRef model, List<String> tools, String expectedOutput, Position position,
                        CriticSpec critic, JudgeSpec judge, RouterSpec router,
                        WorkerFailurePolicy onWorkerFailure, NodeToolSettings toolSettings) {

    /** A node without tool settings of its own. */
    public AgentNode(String id, NodeKind kind, String name, String role, String goal, String instructions,
                     ModelRef model, List<String> tools, String expectedOutput, Position position,
                     CriticSpec critic, JudgeSpec judge, RouterSpec router, WorkerFailurePolicy onWorkerFailure) {
        this(id, kind, name, role, goal, instructions, model, tools, expectedOutput, position, critic, judge, router,
                onWorkerFailure, null);
    }

    public AgentNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        name = name == null ? "" : name;
        role = role == null ? "" : role;
        goal = goal == null ? "" : goal;
        instructions = instructions == null ? "" : instructions;
        tools = tools == null ? List.of() : List.copyOf(tools);
        expectedOutput = expectedOutput == null ? "" : expectedOutput;
        position = position == null ? Position.ORIGIN : position;
    }

    /** A node without a router part (every kind but ROUTER). */
    public AgentNode(String id, NodeKind kind, String name, String role, String goal, String instructions,
                     ModelRef model, List<String> tools, String expectedOutput, Position position,
                     CriticSpec critic, JudgeSpec judge) {
        this(id, kind, name, role, goal, instructions, model, tools, expectedOutput, position, critic, judge,
                kind == NodeKind.ROUTER ? RouterSpec.DEFAULT : null, null);
    }

    /**
     * True when running this node calls a language model: its kind may ({@link NodeKind#callsModel}), and it is not a
     * router deciding by rules, a critic with checks and no rubric, or a judge that votes, ranks by trust or leaves it to its verifier. The
     * simulated-model banner, the model list and the key check before a run go by this.
     */
    public boolean callsModel() {
        if (!kind.callsModel()) {
            return false;
        }
        return switch (kind) {
            case ROUTER -> router == null || router.mode() != RouterMode.RULE;
            case CRITIC -> critic != null && critic.rubric() != null && !critic.rubric().isBlank();
            case JUDGE -> judge == null || judge.strategy() == JudgeStrategy.LLM_JUDGE; // RE_VERIFY asks its verifier
            default -> true;
        };
    }

    /** A bare node of the given kind; fill it with the {@code with…} methods. */
    public static AgentNode of(String id, NodeKind kind, String name) {
        return new AgentNode(id, kind, name, "", "", "", null, List.of(), "", Position.ORIGIN,
                kind == NodeKind.CRITIC ? new CriticSpec(null, List.of()) : null,
                kind == NodeKind.JUDGE ? JudgeSpec.of(JudgeStrategy.LLM_JUDGE) : null,
                kind == NodeKind.ROUTER ? RouterSpec.DEFAULT : null, null);
    }

    public AgentNode withId(String newId) {
        return new AgentNode(newId, kind, name, role, goal, instructions, model, tools, expectedOutput, position, critic, judge, router, onWorkerFailure, toolSettings);
    }

    public AgentNode withName(String newName) {
        return new AgentNode(id, kind, newName, role, goal, instructions, model, tools, expectedOutput, position, critic, judge, router, onWorkerFailure, toolSettings);
    }

    public AgentNode withRole(String newRole) {
        return new AgentNode(id, kind, name, newRole, goal, instructions, model, tools, expectedOutput, position, critic, judge, router, onWorkerFailure, toolSettings);
    }

    public AgentNode withGoal(String newGoal) {
        return new AgentNode(id, kind, name, role, newGoal, instructions, model, tools, expectedOutput, position, critic, judge, router, onWorkerFailure, toolSettings);
    }

    public AgentNode withInstructions(String text) {
        return new AgentNode(id, kind, name, role, goal, text, model, tools, expectedOutput, position, critic, judge, router, onWorkerFailure, toolSettings);
    }

    public AgentNode withModel(ModelRef newModel) {
        return new AgentNode(id, kind, name, role, goal, instructions, newModel, tools, expectedOutput, position, critic, judge, router, onWorkerFailure, toolSettings);
    }

    public AgentNode withTools(List<String> newTools) {
        return new AgentNode(id, kind, name, role, goal, instructions, model, newTools, expectedOutput, position, critic, judge, router, onWorkerFailure, toolSettings);
    }

    public AgentNode withExpectedOutput(String text) {
        return new AgentNode(id, kind, name, role, goal, instructions, model, tools, text, position, critic, judge, router, onWorkerFailure, toolSettings);
    }

    public AgentNode withPosition(Position newPosition) {
        return new AgentNode(id, kind, name, role, goal, instructions, model, tools, expectedOutput, newPosition, critic, judge, router, onWorkerFailure, toolSettings);
    }

    public AgentNode withPosition(double x, double y) {
        return withPosition(new Position(x, y));
    }

    public AgentNode withCritic(CriticSpec spec) {
        return new AgentNode(id, kind, name, role, goal, instructions, model, tools, expectedOutput, position, spec, judge, router, onWorkerFailure, toolSettings);
    }

    public AgentNode withJudge(JudgeSpec spec) {
        return new AgentNode(id, kind, name, role, goal, instructions, model, tools, expectedOutput, position, critic, spec, router, onWorkerFailure, toolSettings);
    }

    public AgentNode withRouter(RouterSpec spec) {
        return new AgentNode(id, kind, name, role, goal, instructions, model, tools, expectedOutput, position, critic, judge, spec, onWorkerFailure, toolSettings);
    }

    public AgentNode withOnWorkerFailure(WorkerFailurePolicy policy) {
        return new AgentNode(id, kind, name, role, goal, instructions, model, tools, expectedOutput, position, critic, judge, router, policy, toolSettings);
    }

    public AgentNode withToolSettings(NodeToolSettings settings) {
        return new AgentNode(id, kind, name, role, goal, instructions, model, tools, expectedOutput, position, critic, judge, router, onWorkerFailure, settings);
    }

    /** The worker-failure policy in force: the node's own, or REPORT when none is set. */
    public WorkerFailurePolicy effectiveOnWorkerFailure() {
        return onWorkerFailure != null ? onWorkerFailure : WorkerFailurePolicy.REPORT;
    }

    /** The model this node uses: its override or the flow's default. */
    public ModelRef effectiveModel(ModelRef flowDefault) {
        return model != null ? model : flowDefault;
    }
}
