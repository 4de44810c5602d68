package dev.baton.importer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CrewAI tool named by both the agent and its task is offered once; AutoGen's AND of termination conditions
 * (all must hold) is not mapped as if any one of them ended the run, while an OR (the first to hold wins) is.
 */
class ImportedToolsAndTerminationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> report(ImportResult r) {
        return r.notes().stream().map(ImportNote::line).toList();
    }

    @Test
    void aToolTheAgentAndItsTaskBothListIsOfferedOnceInOrder(@TempDir Path dir) throws Exception {
        // shaped like `crewai create crew`: src/<pkg>/config/{agents,tasks}.yaml and src/<pkg>/crew.py
        Path pkg = Files.createDirectories(dir.resolve("src/market_sizing"));
        Path config = Files.createDirectories(pkg.resolve("config"));
        Files.writeString(config.resolve("agents.yaml"), """
                analyst:
                  role: Market Analyst
                  goal: Size the market for {product}
                  backstory: Careful with numbers.
                  tools:
                    - calculator
                    - current_time
                """);
        Files.writeString(config.resolve("tasks.yaml"), """
                sizing_task:
                  description: Estimate the addressable market for {product}.
                  expected_output: A figure with its working.
                  agent: analyst
                  tools:
                    - current_time
                    - calculator
                """);
        Files.writeString(pkg.resolve("crew.py"), """
                from crewai import Agent, Crew, Process, Task
                from crewai.project import CrewBase, agent, crew, task

                @CrewBase
                class MarketSizing():
                    agents_config = 'config/agents.yaml'
                    tasks_config = 'config/tasks.yaml'

                    @agent
                    def analyst(self) -> Agent:
                        return Agent(config=self.agents_config['analyst'], verbose=True)

                    @task
                    def sizing_task(self) -> Task:
                        return Task(config=self.tasks_config['sizing_task'])

                    @crew
                    def crew(self) -> Crew:
                        return Crew(agents=self.agents, tasks=self.tasks, process=Process.sequential)
                """);

        ImportResult r = Importers.importFrom(dir, null);

        assertThat(r.valid()).as(r.problems().toString()).isTrue();
        AgentNode sizing = r.flow().nodes().stream().filter(n -> n.tools().contains("calculator")).findFirst()
                .orElseThrow();
        assertThat(sizing.tools()).containsExactly("calculator", "current_time");
    }

    private static ImportResult swarmWith(Path dir, String termination) throws Exception {
        ObjectNode team = (ObjectNode) JSON.readTree(ImportFixtures.of("autogen/swarm-team.json").toFile());
        ((ObjectNode) team.get("config")).set("termination_condition", JSON.readTree(termination));
        Path file = dir.resolve("team.json");
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(team));
        ImportResult r = Importers.importFrom(file, null);
        assertThat(r.valid()).as(r.problems().toString()).isTrue();
        return r;
    }

    private static String cond(String type, String config) {
        return "{\"provider\": \"autogen_agentchat." + type + "\", \"component_type\": \"termination\", "
                + "\"config\": " + config + "}";
    }

    private static String maxMessages(int n) {
        return cond("conditions.MaxMessageTermination", "{\"max_messages\": " + n + "}");
    }

    private static String mention(String text) {
        return cond("conditions.TextMentionTermination", "{\"text\": \"" + text + "\"}");
    }

    private static String and(String... conditions) {
        return cond("base.AndTerminationCondition", "{\"conditions\": [" + String.join(", ", conditions) + "]}");
    }

    private static String or(String... conditions) {
        return cond("base.OrTerminationCondition", "{\"conditions\": [" + String.join(", ", conditions) + "]}");
    }

    @Test
    void anAndOfALimitAndAMentionSetsNoLimitThatWouldEndTheRunAlone(@TempDir Path dir) throws Exception {
        // AutoGen stops after 12 messages only once DONE was also said: a Baton limit of 12 would stop it earlier
        ImportResult r = swarmWith(dir, and(maxMessages(12), mention("DONE")));

        assertThat(r.flow().limits().maxHandoffs()).isEqualTo(Limits.DEFAULT.maxHandoffs());
        assertThat(report(r)).anyMatch(l -> l.contains("MaxMessageTermination(12)") && l.contains("AND")
                && l.contains("not mapped"))
                .noneMatch(l -> l.contains("limits.maxHandoffs = 12"));
    }

    @Test
    void anOrOfALimitAndAMentionSetsTheLimit(@TempDir Path dir) throws Exception {
        ImportResult r = swarmWith(dir, or(maxMessages(12), mention("DONE")));

        assertThat(r.flow().limits().maxHandoffs()).isEqualTo(12);
        assertThat(report(r)).anyMatch(l -> l.contains("limits.maxHandoffs = 12"));
    }

    @Test
    void nestedConditionsKeepTheirLogicAndTheFirstLimitToHoldWins(@TempDir Path dir) throws Exception {
        String deadline = cond("conditions.TimeoutTermination", "{\"timeout_seconds\": 60}");
        ImportResult r = swarmWith(dir, or(and(maxMessages(5), mention("DONE")), maxMessages(8), maxMessages(20),
                deadline));

        // the AND's 5 does not hold alone; of the OR's 8 and 20, 8 comes first whatever their order
        assertThat(r.flow().limits().maxHandoffs()).isEqualTo(8);
        assertThat(r.flow().limits().runDeadline().toSeconds()).isEqualTo(60);
    }

    @Test
    void anAndOfTwoLimitsSetsNeitherAlone(@TempDir Path dir) throws Exception {
        // all must hold: 12 messages and 30,000 tokens; neither is a limit on its own, so neither is set
        String tokens = cond("conditions.TokenUsageTermination", "{\"max_total_token\": 30000}");
        ImportResult r = swarmWith(dir, and(maxMessages(12), tokens));

        assertThat(r.flow().limits().maxHandoffs()).isEqualTo(Limits.DEFAULT.maxHandoffs());
        assertThat(r.flow().limits().tokenBudget()).isEqualTo(Limits.DEFAULT.tokenBudget());
    }
}
