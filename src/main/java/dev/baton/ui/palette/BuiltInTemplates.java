package dev.baton.ui.palette;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Check;
import dev.baton.flow.CriticSpec;
import dev.baton.flow.NodeKind;

import java.util.List;

/** The templates every palette starts with: narrow-scope agents, the control kinds, and the flow's two ends. */
public final class BuiltInTemplates {

    static final String AGENTS = "Agents";
    static final String CONTROL = "Control";
    static final String ENDS = "Start and output";

    private BuiltInTemplates() {
    }

    public static List<AgentTemplate> all() {
        return List.of(
                agent("Researcher", "Researcher who finds and checks facts",
                        "Collect the facts the task needs, with sources",
                        "Research the request. Give every fact its source and mark estimates as estimates.",
                        List.of(), "Findings with sources"),
                agent("Writer", "Writer of clear, structured prose",
                        "Turn the material into a readable text for the intended audience",
                        "Write a well-structured text from the material you receive. Keep to the facts given.",
                        List.of(), "A finished text"),
                agent("Editor", "Editor who tightens and corrects texts",
                        "Improve clarity, correctness and tone without changing the meaning",
                        "Edit the text: fix errors, cut repetition, keep the author's meaning and voice.",
                        List.of(), "The edited text"),
                agent("Coder", "Software engineer", "Write correct, tested code for the task",
                        "Write the code the task asks for, with tests. Explain assumptions briefly.",
                        List.of(), "Code with tests"),
                agent("Legal Analyst", "Legal analyst", "Identify the legal duties and risks of the request",
                        "List the laws and duties that apply, the risks, and what must be checked by a lawyer.",
                        List.of(), "Duties, risks and open questions"),
                agent("Financial Analyst", "Financial analyst", "Build the numbers: costs, revenue, break-even",
                        "Build the business case with every assumption stated.", List.of(),
                        "A cost table, scenarios and assumptions"),
                new AgentTemplate("Supervisor", CONTROL, AgentNode.of("supervisor", NodeKind.SUPERVISOR, "Supervisor")
                        .withRole("Lead who splits work among specialists")
                        .withGoal("Break the request into sub-tasks, delegate them and combine the answers")
                        .withInstructions("Delegate each part to the right worker, then combine their answers.")),
                new AgentTemplate("Critic / Validator", CONTROL, AgentNode.of("critic", NodeKind.CRITIC, "Critic")
                        .withRole("Reviewer who checks an output before it goes on")
                        .withCritic(new CriticSpec("The output answers the request completely and correctly.",
                                List.of(new Check.Length(1, null))))),
                new AgentTemplate("Judge", CONTROL, AgentNode.of("judge", NodeKind.JUDGE, "Judge")
                        .withRole("Arbiter who resolves contradicting inputs")),
                new AgentTemplate("Router", CONTROL, AgentNode.of("router", NodeKind.ROUTER, "Router")
                        .withRole("Dispatcher who sends each input down exactly one route")
                        .withInstructions("Pick the route whose description fits the input best.")),
                new AgentTemplate("Human", CONTROL, AgentNode.of("human", NodeKind.HUMAN, "Human review")
                        .withInstructions("Does this look right? Answer with corrections or 'ok'.")),
                new AgentTemplate("Blank agent", AGENTS, AgentNode.of("agent", NodeKind.AGENT, "Agent")),
                new AgentTemplate("Start", ENDS, AgentNode.of("start", NodeKind.START, "Start")),
                new AgentTemplate("Output", ENDS, AgentNode.of("output", NodeKind.OUTPUT, "Output")));
    }

    private static AgentTemplate agent(String name, String role, String goal, String instructions, List<String> tools,
                                       String expected) {
        return new AgentTemplate(name, AGENTS, AgentNode.of(de(name), NodeKind.AGENT, name).withRole(role)
                .withGoal(goal).withInstructions(instructions).withTools(tools).withExpectedOutput(expected));
    }

    private static String de(String name) {
        return dev.baton.flow.Ids.slug(name);
    }
}
