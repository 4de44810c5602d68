package dev.baton.importer;

import dev.baton.flow.AgentNode;
import dev.baton.flow.ModelRef;
import dev.baton.flow.NodeKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a real crew keeps in its Python module rather than in its YAML (shaped like the projects of crewAI-examples
 * and the `crewai create crew` template): the task-to-agent binding, tools, models, and a commented-out process.
 */
class CrewAiCodeTest {

    private static final String AGENTS = """
            financial_analyst:
              role: The Best Financial Analyst
              goal: Impress all customers with your financial data analysis
              backstory: The most seasoned financial analyst.
            research_analyst:
              role: Staff Research Analyst
              goal: Gather and interpret news about {company_stock}
              backstory: Known as the best research analyst.
            """;
    private static final String TASKS = """
            financial_analysis:
              description: Analyse {company_stock}'s financial health.
              expected_output: A report.
            research:
              description: Collect recent news about {company_stock}.
              expected_output: A summary.
            """;

    private static Path crew(Path dir, String module, String py) throws Exception {
        Path pkg = Files.createDirectories(dir.resolve("src/stock_analysis"));
        Path config = Files.createDirectories(pkg.resolve("config"));
        Files.writeString(config.resolve("agents.yaml"), AGENTS);
        Files.writeString(config.resolve("tasks.yaml"), TASKS);
        Files.writeString(pkg.resolve(module), py);
        return dir;
    }

    private static List<String> report(ImportResult r) {
        return r.notes().stream().map(ImportNote::line).toList();
    }

    private static AgentNode node(ImportResult r, String id) {
        return r.flow().nodes().stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aCommentedOutHierarchicalProcessLeavesTheCrewSequential(@TempDir Path dir) throws Exception {
        // the template's own crew.py: the sequential process, and the hierarchical one as a comment
        crew(dir, "crew.py", """
                @CrewBase
                class StockCrew():
                    \"\"\"Set process=Process.hierarchical below to let a manager delegate.\"\"\"
                    @crew
                    def crew(self) -> Crew:
                        return Crew(
                            agents=self.agents,
                            tasks=self.tasks,
                            process=Process.sequential,
                            # process=Process.hierarchical, # In case you wanna use that instead
                        )
                """);

        ImportResult r = Importers.importFrom(dir, null);

        assertThat(r.flow().nodesOfKind(NodeKind.SUPERVISOR)).isEmpty();
        assertThat(r.flow().description()).contains("Process: sequential");
        assertThat(report(r)).noneMatch(l -> l.contains("hierarchical"));
    }

    @Test
    void agentsBoundInCrewPyKeepTheirRoleToolsAndModel(@TempDir Path dir) throws Exception {
        // tasks.yaml names no agent: crew.py binds each task, and each @agent method reads a YAML entry of its own
        crew(dir, "crew.py", """
                from langchain.llms import Ollama
                llm = Ollama(model="llama3.1")

                @CrewBase
                class StockAnalysisCrew:
                    agents_config = 'config/agents.yaml'

                    @agent
                    def financial_agent(self) -> Agent:
                        search_tool = SerperDevTool()
                        return Agent(
                            config=self.agents_config['financial_analyst'],
                            llm=llm,
                            tools=[
                                ScrapeWebsiteTool(),
                                search_tool,
                                SEC10QTool("AMZN"),
                            ]
                        )

                    @task
                    def financial_analysis(self) -> Task:
                        return Task(config=self.tasks_config['financial_analysis'], agent=self.financial_agent())

                    @agent
                    def research_analyst_agent(self) -> Agent:
                        return Agent(config=self.agents_config['research_analyst'],
                                     llm=LLM(model="anthropic/claude-3-5-sonnet-20240620"))

                    @task
                    def research(self) -> Task:
                        return Task(
                            config=self.tasks_config['research'],
                            agent=self.research_analyst_agent(),
                            context=[self.financial_analysis()],
                        )
                """);

        ImportResult r = Importers.importFrom(dir, null);

        assertThat(r.valid()).as(r.problems().toString()).isTrue();
        AgentNode analysis = node(r, "financial-analysis");
        assertThat(analysis.role()).isEqualTo("The Best Financial Analyst");
        assertThat(analysis.instructions()).startsWith("The most seasoned financial analyst.");
        assertThat(analysis.model()).isEqualTo(new ModelRef(ModelRef.OLLAMA, "llama3.1", null, null));
        AgentNode research = node(r, "research");
        assertThat(research.role()).isEqualTo("Staff Research Analyst");
        assertThat(research.model().provider()).isEqualTo(ModelRef.ANTHROPIC);
        assertThat(report(r)).anyMatch(l -> l.startsWith("crew.py financial_agent.tools[0]: the tool"
                + " 'ScrapeWebsiteTool' - not carried over"))
                .anyMatch(l -> l.startsWith("crew.py financial_agent.tools[1]: the tool 'SerperDevTool'"))
                .anyMatch(l -> l.contains("'SEC10QTool'"))
                .noneMatch(l -> l.contains("no role, goal or backstory"));
    }

    @Test
    void aScriptThatBuildsItsCrewFromTheYamlIsReadToo(@TempDir Path dir) throws Exception {
        // crewAI-examples' screenplay_writer: module-level variables, no @CrewBase, in a file not named crew.py
        crew(dir, "screenplay_writer.py", """
                analyst = Agent(config=agents_config["financial_analyst"], allow_delegation=False)
                scout = Agent(
                    config=agents_config["research_analyst"], allow_delegation=False
                )
                task0 = Task(config=tasks_config["financial_analysis"], agent=analyst)
                task1 = Task(config=tasks_config["research"], agent=scout, human_input=True)
                crew = Crew(agents=[analyst, scout], tasks=[task0, task1], process=Process.sequential)
                """);

        ImportResult r = Importers.importFrom(dir, null);

        assertThat(node(r, "financial-analysis").role()).isEqualTo("The Best Financial Analyst");
        assertThat(node(r, "research").role()).isEqualTo("Staff Research Analyst");
        assertThat(r.flow().nodesOfKind(NodeKind.HUMAN)).hasSize(1);
    }

    @Test
    void aTaskBoundToNoAgentAnywhereIsReported(@TempDir Path dir) throws Exception {
        crew(dir, "crew.py", "# no crew here\n");

        ImportResult r = Importers.importFrom(dir, null);

        assertThat(report(r)).anyMatch(l -> l.startsWith("tasks.yaml financial_analysis.agent: a task that names no"
                + " agent") && l.contains("no role, goal or backstory"));
    }

    @Test
    void aCrewInPythonOnlyGetsALineSayingSo(@TempDir Path dir) throws Exception {
        // crewAI-examples' trip_planner: trip_agents.py and trip_tasks.py, no YAML
        Files.writeString(dir.resolve("trip_agents.py"), "def city_selection_agent(self):\n    return Agent(\n"
                + "        role='City Selection Expert')\n");
        Files.writeString(dir.resolve("trip_tasks.py"), "def identify_task(self, agent):\n    return Task(\n"
                + "        description='Pick a city', agent=agent)\n");

        assertThatThrownBy(() -> Importers.importFrom(dir, "crewai")).isInstanceOf(ImportException.class)
                .hasMessageContaining("a crew built in Python code only").hasMessageContaining("YAML form")
                .hasMessageNotContaining("\n");
        // detected, the line is CrewAI's alone, not one reason per format
        assertThatThrownBy(() -> Importers.importFrom(dir, null)).isInstanceOf(ImportException.class)
                .hasMessageStartingWith(dir + " is not imported: a crew built in Python code only")
                .hasMessageNotContaining("autogen:");
    }
    @Test
    void aHierarchicalCrewWithItsOwnManagerAgentKeepsItsRoleAndReportsAnUnknownModel(@TempDir Path dir)
            throws Exception {
        crew(dir, "crew.py", """
                @CrewBase
                class StockCrew():
                    @agent
                    def lead(self) -> Agent:
                        return Agent(config=self.agents_config['financial_analyst'], allow_delegation=True)

                    @crew
                    def crew(self) -> Crew:
                        return Crew(
                            agents=self.agents,
                            tasks=self.tasks,
                            process=Process.hierarchical,
                            manager_agent=self.lead(),
                            manager_llm=LLM(model="groq/llama-3.1-70b-versatile"),
                        )
                """);

        ImportResult r = Importers.importFrom(dir, null);

        AgentNode manager = r.flow().nodesOfKind(NodeKind.SUPERVISOR).get(0);
        assertThat(manager.role()).isEqualTo("The Best Financial Analyst");
        assertThat(manager.instructions()).startsWith("The most seasoned financial analyst.");
        assertThat(report(r)).anyMatch(l -> l.equals("crew.py manager_llm: the model 'groq/llama-3.1-70b-versatile'"
                + " - no Baton provider for it; the manager uses the flow's default model"))
                .noneMatch(l -> l.contains("names no agent"));
    }
    @Test
    void aCrewFoundInsideACrewAiFlowSaysTheFlowItselfIsNotImported(@TempDir Path dir) throws Exception {
        // `crewai create flow`: main.py holds the Flow's steps, the crew sits in crews/poem_crew with poem_crew.py
        Path crew = Files.createDirectories(dir.resolve("src/poem_flow/crews/poem_crew/config"));
        Files.writeString(crew.resolve("agents.yaml"), AGENTS);
        Files.writeString(crew.resolve("tasks.yaml"), TASKS);
        Files.writeString(crew.getParent().resolve("poem_crew.py"), """
                @CrewBase
                class PoemCrew():
                    @agent
                    def poet(self) -> Agent:
                        return Agent(config=self.agents_config['financial_analyst'], tools=[RhymeTool()])

                    @task
                    def financial_analysis(self) -> Task:
                        return Task(config=self.tasks_config['financial_analysis'], agent=self.poet())
                """);
        Files.writeString(dir.resolve("src/poem_flow/main.py"), """
                class PoemFlow(Flow[PoemState]):
                    @start()
                    def generate_sentence_count(self):
                        self.state.sentence_count = 2

                    @listen(generate_sentence_count)
                    def generate_poem(self):
                        PoemCrew().crew().kickoff(inputs={"sentence_count": self.state.sentence_count})
                """);

        ImportResult r = Importers.importFrom(dir, null);

        assertThat(node(r, "financial-analysis").role()).isEqualTo("The Best Financial Analyst");
        assertThat(report(r)).contains("main.py: a CrewAI Flow (@start, @listen) around the crew - only the crew"
                + " 'poem_crew' is imported; the Flow's own steps, state and routing are not carried over")
                .anyMatch(l -> l.startsWith("poem_crew.py poet.tools[0]: the tool 'RhymeTool'"));
        assertThat(report(Importers.importFrom(crew.getParent(), null))).noneMatch(l -> l.contains("CrewAI Flow"));
    }
    @Test
    @org.junit.jupiter.api.Timeout(value = 30, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aHostileCrewModuleIsReadInBoundedTime(@TempDir Path dir) throws Exception {
        // 60,000 unclosed calls in 1 MB: each call's scan ran to the file's end, and the import took minutes
        crew(dir, "crew.py", "x = Agent(tools=[".repeat(60_000) + "\n");

        ImportResult r = Importers.importFrom(dir, null);

        assertThat(r.valid()).as(r.problems().toString()).isTrue();
        assertThat(node(r, "financial-analysis").role()).isEmpty();
    }
    @Test
    void entriesTheModuleBuildsButTheYamlLacksAreReported(@TempDir Path dir) throws Exception {
        // crewAI-examples' email_auto_responder_flow: the module builds tasks its tasks.yaml does not have
        crew(dir, "crew.py", """
                @CrewBase
                class EmailFilterCrew:
                    @agent
                    def email_filter_agent(self) -> Agent:
                        return Agent(config=self.agents_config["email_filter_agent"], tools=[SerperDevTool()])

                    @agent
                    def manager(self) -> Agent:
                        return Agent(role="Manager", goal="Lead", backstory="Leads.")

                    @task
                    def filter_emails_task(self) -> Task:
                        return Task(config=self.tasks_config["filter_emails"])
                """);

        ImportResult r = Importers.importFrom(dir, null);

        assertThat(report(r)).contains("crew.py filter_emails_task: a Task(…) of the entry 'filter_emails', which"
                        + " tasks.yaml does not have - left out",
                "crew.py email_filter_agent: an Agent(…) of the entry 'email_filter_agent', which agents.yaml does"
                        + " not have - left out")
                .noneMatch(l -> l.contains("'manager'"));
    }
}
