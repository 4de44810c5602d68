package dev.baton.engine.model.simulated;

import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ModelReply;
import dev.baton.engine.model.ModelRequest;
import dev.baton.engine.model.TokenSink;
import dev.baton.engine.model.ToolCall;
import dev.baton.engine.model.ToolSpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulated model's choices: role from role nouns, swarm handoffs, supervisor turns, titles. */
class SimulatedSelectionTest {

    private static ToolSpec handoff(String id, String description) {
        return new ToolSpec("handoff_to_" + id, "Hand the conversation off to " + description, Map.of("reason", "r"));
    }

    private static ToolSpec delegate(String id, String description) {
        return new ToolSpec("delegate_to_" + id, "Delegate a sub-task to " + description, Map.of("task", "t"));
    }

    private static final List<ToolSpec> SUPPORT_PEERS = List.of(
            handoff("billing", "Billing: Billing specialist for invoices, charges, payment methods and subscription "
                    + "plans. Goal: Explain and correct invoices, failed payments, double charges and plan changes"),
            handoff("refunds", "Refunds: Refunds specialist who decides and issues refunds under the refund policy. "
                    + "Goal: Decide whether a refund is due under the policy, issue it and tell the customer when "
                    + "the money arrives"),
            handoff("technical-support", "Technical Support: Technical support engineer for errors, outages, "
                    + "installation and configuration. Goal: Diagnose the customer's technical problem and give "
                    + "step-by-step instructions that fix it"));

    private static final SimulatedText.Spec TRIAGE = new SimulatedText.Spec("Triage", "AGENT",
            "Front-line support agent who greets customers and routes each request to the right specialist",
            "Understand what the customer needs and hand the conversation to billing, technical support or refunds",
            "", "");
    private static final SimulatedText.Spec BILLING = new SimulatedText.Spec("Billing", "AGENT",
            "Billing specialist for invoices, charges, payment methods and subscription plans",
            "Explain and correct invoices, failed payments, double charges and plan changes", "", "");

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "Market Researcher | Market researcher specialised in Japanese consumer and business markets | "
                    + "MARKET_RESEARCHER",
            "Writer            | Blog writer who turns research notes into a clear, engaging article | WRITER",
            "Writer            | Strategy writer who turns specialist findings into an executive report | WRITER",
            "Researcher        | Research analyst who gathers facts, figures and sources for a blog article | RESEARCHER",
            "Financial Analyst | Financial analyst who builds business cases for entering new countries | FINANCIAL",
            "Legal Analyst     | Legal analyst for Japanese corporate, consumer protection and data protection law | LEGAL",
            "Summary Writer    | Writer of short decision memos for managers | SUMMARY",
            "Triage            | Front-line support agent who routes each request to the right specialist | TRIAGE",
            "Refunds           | Refunds specialist who decides and issues refunds under the refund policy | REFUNDS",
            "Technical Support | Technical support engineer for errors, outages and configuration | TECH_SUPPORT",
            "Clause Verifier   | Independent reviewer who re-reads a disputed clause | VERIFIER",
            "Fact-checker      | Fact-checker who validates every claim against the research notes | FACT_CHECKER",
            "Editor            | Copy editor who tightens structure, tone and grammar | EDITOR",
            "Agent 7           | Blog writer who turns research notes into articles | WRITER",
            "Agent 7           | '' | GENERIC"})
    void roleComesFromTheNameThenTheHeadOfTheRole(String name, String role, SimulatedRole expected) {
        assertThat(SimulatedRole.of(name, role, "", "AGENT")).isEqualTo(expected);
    }

    @Test
    void aJudgeNodeIsAJudgeWhateverItsRoleSays() {
        assertThat(SimulatedRole.of("Contract Judge", "Senior counsel who reconciles the reviews", "", "JUDGE"))
                .isEqualTo(SimulatedRole.JUDGE);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "My invoice for March shows a charge I do not recognise        | handoff_to_billing",
            "I was charged twice for my subscription and want a refund    | handoff_to_billing",
            "I bought the annual plan last week and would like my money back | handoff_to_refunds",
            "The app crashes every time I open it                           | handoff_to_technical-support",
            "I get a bug when installing the desktop client                 | handoff_to_technical-support"})
    void triageRoutesByWhatTheRequestIsAbout(String request, String tool) {
        SimulatedSwarm.Move move = SimulatedSwarm.decide(TRIAGE, SUPPORT_PEERS, request, new Random(1));

        assertThat(move.calls()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo(tool);
            assertThat(c.argument("reason")).startsWith("the request is about ");
        });
        assertThat(move.note()).as("a router hands on without a note of its own").isEmpty();
    }

    @Test
    void triageAnswersAGreetingItself() {
        assertThat(SimulatedSwarm.decide(TRIAGE, SUPPORT_PEERS, "Hi, what are your opening hours?", new Random(1))
                .handsOff()).isFalse();
    }

    @Test
    void aSpecialistHandsOnWhatTheCustomerWantsWhenAPeerDecidesIt() {
        String input = "Handoff from Triage (reason: charges):\n\nOriginal request:\nI was charged twice for my "
                + "subscription this month and want a refund\n\nAlready handled by: triage, billing";
        SimulatedSwarm.Move move = SimulatedSwarm.decide(BILLING, SUPPORT_PEERS, input, new Random(1));

        assertThat(move.calls()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("handoff_to_refunds");
            assertThat(c.argument("reason")).isEqualTo("the customer asks for a refund, which Refunds handles "
                    + "(refunds specialist who decides and issues refunds under the refund policy)");
        });
        assertThat(move.note()).startsWith(SimulatedModel.LABEL + "\n").contains("charged twice").contains("duplicate");
    }

    @Test
    void nobodyHandsToAnAgentThatAlreadyHadTheRequest() {
        String input = "Original request:\nI was charged twice and want a refund\n\nAlready handled by: triage, "
                + "billing, refunds";
        assertThat(SimulatedSwarm.decide(BILLING, SUPPORT_PEERS, input, new Random(1)).handsOff()).isFalse();
        // only Technical Support has not had it, and it does not fit: Triage closes rather than hands on
        assertThat(SimulatedSwarm.decide(TRIAGE, SUPPORT_PEERS, input, new Random(1)).handsOff()).isFalse();
    }

    @Test
    void aSpecialistKeepsARequestThatIsItsOwn() {
        String input = "Original request:\nMy invoice shows a charge I do not recognise. Please explain it.";
        assertThat(SimulatedSwarm.decide(BILLING, SUPPORT_PEERS, input, new Random(1)).handsOff()).isFalse();
    }

    @Test
    void intentIsTheClauseAfterTheWish() {
        assertThat(SimulatedSwarm.intent("I was charged twice and want a refund")).isEqualTo("a refund");
        assertThat(SimulatedSwarm.intent("Could you explain my invoice? Thanks")).isEqualTo("explain my invoice");
        assertThat(SimulatedSwarm.intent("The app crashes")).isEmpty();
    }

    private static final List<ToolSpec> STUDY = List.of(
            delegate("market-researcher", "Market Researcher: Market researcher specialised in Japanese markets. "
                    + "Goal: Size the Japanese market for the product and map competitors"),
            delegate("financial-analyst", "Financial Analyst: Financial analyst who builds business cases. Goal: "
                    + "Estimate entry costs, break-even and a three-year revenue forecast"),
            delegate("writer", "Writer: Strategy writer who turns specialist findings into an executive report. "
                    + "Goal: Write the market entry report with findings, risks and a clear recommendation"));
    private static final SimulatedText.Spec LEAD = new SimulatedText.Spec("Strategy Lead", "SUPERVISOR",
            "Head of international strategy", "Break the entry question into market, financial and writing tasks",
            "The report", "");
    private static final String QUESTION = "Should we enter the Japanese market with our B2B invoicing SaaS? Budget "
            + "2 million euros.";

    @Test
    void supervisorResearchesFirstThenWritesThenAnswersWithTheReport() {
        List<ChatMessage> messages = new java.util.ArrayList<>(List.of(new ChatMessage.System("You are Strategy Lead."),
                new ChatMessage.User(QUESTION)));
        SimulatedPlanner.Turn first = SimulatedPlanner.next(LEAD, STUDY, QUESTION, messages);
        assertThat(first.calls()).extracting(ToolCall::name)
                .containsExactly("delegate_to_market-researcher", "delegate_to_financial-analyst");
        assertThat(first.calls().get(0).argument("task")).isEqualTo("For \"Should we enter the Japanese market with "
                + "our B2B invoicing SaaS?\": Size the Japanese market for B2B invoicing SaaS and map competitors. "
                + "Report the market size, the main segments, the strongest competitors and the channels as bullets, "
                + "each figure with its source. Brief: Budget 2 million euros.");

        messages.add(new ChatMessage.Assistant("", first.calls()));
        messages.add(new ChatMessage.ToolResult("c1", "delegate_to_market-researcher", "[simulated]\n- Market: 5 bn"));
        messages.add(new ChatMessage.ToolResult("c2", "delegate_to_financial-analyst", "[simulated]\n- Break-even: 20"));
        SimulatedPlanner.Turn second = SimulatedPlanner.next(LEAD, STUDY, QUESTION, messages);
        assertThat(second.calls()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("delegate_to_writer");
            assertThat(c.argument("task")).contains("### Findings from Market Researcher\n- Market: 5 bn")
                    .contains("### Findings from Financial Analyst\n- Break-even: 20").doesNotContain("[simulated]");
        });

        messages.add(new ChatMessage.Assistant("", second.calls()));
        messages.add(new ChatMessage.ToolResult("c3", "delegate_to_writer", "[simulated]\n# Report\n\nBody"));
        SimulatedPlanner.Turn last = SimulatedPlanner.next(LEAD, STUDY, QUESTION, messages);
        assertThat(last.calls()).isEmpty();
        assertThat(last.text()).isEqualTo("Strategy Lead: here is the final result. Writer wrote it from the "
                + "findings of Market Researcher and Financial Analyst.\n\n# Report\n\nBody");
    }

    @Test
    void supervisorWithoutAWriterCombinesTheFindings() {
        List<ToolSpec> tools = STUDY.subList(0, 2);
        List<ChatMessage> messages = List.of(new ChatMessage.User(QUESTION),
                new ChatMessage.Assistant("", List.of(new ToolCall("c1", "delegate_to_market-researcher", Map.of()))),
                new ChatMessage.ToolResult("c1", "delegate_to_market-researcher", "[simulated]\n- Market: 5 bn"));
        SimulatedPlanner.Turn turn = SimulatedPlanner.next(LEAD, tools, QUESTION, messages);

        assertThat(turn.calls()).isEmpty();
        assertThat(turn.text()).contains("## From market-researcher\n\n- Market: 5 bn");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Should we enter the Japanese market with our B2B invoicing SaaS? | "
                    + "Should We Enter the Japanese Market with Our B2B Invoicing SaaS?",
            "Heat pumps in cold climates: a 1200-word article for homeowners | Heat Pumps in Cold Climates",
            "Service agreement with Acme Cloud: 3-year term, liability capped | Service Agreement with Acme Cloud",
            "the best tools for the job and for | The Best Tools for the Job",
            "one two three four five six seven eight nine ten eleven twelve thirteen | "
                    + "One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve"})
    void titlesAreWholeAndKeepAcronyms(String topic, String title) {
        assertThat(SimulatedText.title(topic)).isEqualTo(title);
    }

    @Test
    void topicIsTheFirstSentenceOfTheRequestAndDetailsTheRest() {
        assertThat(SimulatedText.topic(QUESTION)).isEqualTo("Should we enter the Japanese market with our B2B "
                + "invoicing SaaS?");
        assertThat(SimulatedText.details(QUESTION)).isEqualTo("Budget 2 million euros.");
        assertThat(SimulatedText.topic("Request:\nCustomer message:\nMy app crashes. Help!\n\nTriage:\n(handed off)"))
                .isEqualTo("My app crashes");
    }

    @Test
    void subjectReadsProductCountryAndBudget() {
        SimulatedSubject s = SimulatedSubject.of(QUESTION, "");
        assertThat(s.product()).isEqualTo("B2B invoicing SaaS");
        assertThat(s.country()).isEqualTo("Japan");
        assertThat(s.currency()).isEqualTo("JPY");
        assertThat(s.budget()).isEqualTo("2 million euros");
        assertThat(s.business()).isTrue();
        assertThat(SimulatedSubject.of("Open a bakery", "").place()).isEqualTo("the target market");
    }

    @Test
    void theReportsDecisionFollowsBreakEvenAndRisk() {
        assertThat(SimulatedArticles.decide(Map.of("F", "- Break-even of the base case: month 14"))).isZero();
        assertThat(SimulatedArticles.decide(Map.of("F", "- Break-even of the base case: month 14",
                "L", "- Data transfers (severity: high) - host locally"))).isEqualTo(1);
        assertThat(SimulatedArticles.decide(Map.of("F", "- Break-even of the base case: month 34"))).isEqualTo(2);
        assertThat(SimulatedArticles.decide(Map.of())).isEqualTo(1);
    }

    @Test
    void budgetIsReadInThousandsOfEurosOnlyWhenItIsInEuros() {
        assertThat(SimulatedSubject.of("Budget 2 million euros.", "").budgetThousandEur()).isEqualTo(2000);
        assertThat(SimulatedSubject.of("Budget: 500k EUR", "").budgetThousandEur()).isEqualTo(500);
        assertThat(SimulatedSubject.of("Budget 3 million dollars", "").budgetThousandEur()).isEqualTo(-1);
        assertThat(SimulatedSubject.of("No money talk", "").budgetThousandEur()).isEqualTo(-1);
    }

    @Test
    void aCriticRejectionNamesARequirementOfTheRubric() throws Exception {
        SimulatedModel model = new SimulatedModel(SimulatedModel.Settings.DEFAULT.withCriticFailRate(1.0), "sim-1");
        String user = "Rubric: Every figure names its source; each risk has a mitigation.\n\n=== Output of Writer to "
                + "check ===\n# Report";
        ModelReply reply = model.chat(new ModelRequest("reviewer", List.of(new ChatMessage.System(
                "You are Reviewer.\nKind: CRITIC"), new ChatMessage.User(user)), List.of(), true), TokenSink.NONE);

        assertThat(reply.text()).contains("\"pass\":false").containsPattern(
                "Not yet met: (every figure names its source|each risk has a mitigation)\\.");
    }
}
