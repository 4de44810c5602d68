package dev.baton.engine;

import dev.baton.engine.model.simulated.SimulatedModel;
import dev.baton.engine.model.simulated.SimulatedProvider;
import dev.baton.flow.Flow;
import dev.baton.flow.io.FlowFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a new user sees when running the four samples on the simulated model: the shape of each run (who hands off to
 * whom, in which turn the writer is called, how the critic and the judge end), not the exact words.
 */
class SampleRunShapeTest {

    private static Flow sample(String name) throws Exception {
        return FlowFiles.load(Path.of("sample-flows", name)).flow();
    }

    private static Runs.Outcome run(String sample, String input, long seed) throws Exception {
        SimulatedProvider provider = new SimulatedProvider(SimulatedModel.Settings.DEFAULT.withSeed(seed));
        Runs.Outcome out = Runs.run(provider, sample(sample), input);
        assertThat(out.result().status()).as(out.result().toString()).isEqualTo(RunStatus.SUCCEEDED);
        return out;
    }

    private static String outputOf(Runs.Outcome out, String nodeId) {
        return out.events(RunEvent.AgentFinished.class).stream().filter(e -> e.nodeId().equals(nodeId))
                .reduce((a, b) -> b).map(RunEvent.AgentFinished::output).orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "billing   | My invoice for March shows a charge I do not recognise. Please explain it. | billing",
            "refund    | I was charged twice for my subscription this month and want a refund      | refunds",
            "technical | The app crashes with error 500 every time I export a report.              | technical-support"})
    void swarmTriageHandsOffAndASpecialistAnswers(String kind, String input, String specialist) throws Exception {
        Runs.Outcome out = run("swarm-customer-support.json", input, 42);

        List<RunEvent.Handoff> handoffs = out.events(RunEvent.Handoff.class);
        assertThat(handoffs).isNotEmpty();
        assertThat(handoffs.get(0).from()).isEqualTo("triage");
        assertThat(handoffs.get(0).reason()).isNotBlank();
        assertThat(handoffs.get(handoffs.size() - 1).to()).isEqualTo(specialist);
        // no agent gets the request twice: the simulated model does not provoke loops
        assertThat(handoffs).extracting(RunEvent.Handoff::to).doesNotHaveDuplicates().doesNotContain("triage");
        assertThat(out.result().output()).startsWith(SimulatedModel.LABEL).contains(
                specialist.equals("technical-support") ? "Technical Support" : specialist.equals("billing")
                        ? "Billing" : "Refunds");
        assertThat(outputOf(out, specialist)).isEqualTo(out.result().output());
    }

    @Test
    void aDoubleChargeWithARefundWishGoesThroughBillingToRefunds() throws Exception {
        Runs.Outcome out = run("swarm-customer-support.json",
                "I was charged twice for my subscription this month and want a refund", 42);

        assertThat(out.events(RunEvent.Handoff.class)).extracting(h -> h.from() + "->" + h.to())
                .containsExactly("triage->billing", "billing->refunds");
        // what Billing found reaches Refunds as new information, and Refunds answers about that charge
        RunEvent.Handoff second = out.events(RunEvent.Handoff.class).get(1);
        assertThat(second.context()).contains("charged twice").contains("duplicate");
        assertThat(out.result().output()).contains("Refund decision").contains("duplicate charge");
    }

    @Test
    void supervisorResearchesFirstThenGivesTheWriterTheFindings() throws Exception {
        Runs.Outcome out = run("supervisor-market-entry-japan.json",
                "Should we enter the Japanese market with our B2B invoicing SaaS? Budget 2 million euros.", 42);

        List<RunEvent.Delegated> delegated = out.events(RunEvent.Delegated.class);
        List<String> workers = delegated.stream().map(RunEvent.Delegated::worker).toList();
        assertThat(workers).containsExactlyInAnyOrder("market-researcher", "financial-analyst", "legal-analyst",
                "writer");
        assertThat(workers.get(workers.size() - 1)).isEqualTo("writer");
        // the writer is delegated in a later model turn than the researchers
        List<RunEvent.ModelRequested> leadTurns = out.events(RunEvent.ModelRequested.class).stream()
                .filter(e -> e.nodeId().equals("strategy-lead")).toList();
        assertThat(leadTurns).extracting(RunEvent.ModelRequested::turn).containsExactly(1, 2, 3);
        List<RunEvent> all = out.all();
        int writerAt = all.indexOf(delegated.get(3));
        assertThat(all.indexOf(leadTurns.get(1))).isLessThan(writerAt);
        for (RunEvent.Delegated d : delegated.subList(0, 3)) {
            assertThat(all.indexOf(d)).isLessThan(all.indexOf(leadTurns.get(1)));
        }

        // each research sub-task is specific (from the worker's goal and the request), not a generic phrase
        assertThat(delegated.subList(0, 3)).allSatisfy(d -> assertThat(d.instruction())
                .contains("B2B invoicing SaaS").doesNotContain("do the part that fits your role"));
        String research = outputOf(out, "market-researcher");
        String researchLine = research.lines().filter(l -> l.startsWith("- Addressable market")).findFirst()
                .orElseThrow();
        assertThat(delegated.get(3).instruction()).contains(researchLine)
                .contains(outputOf(out, "legal-analyst").lines().filter(l -> l.contains("(severity: high)"))
                        .findFirst().orElseThrow());

        for (String worker : List.of("market-researcher", "financial-analyst", "legal-analyst", "writer")) {
            assertThat(outputOf(out, worker)).startsWith(SimulatedModel.LABEL).doesNotContain("Case number")
                    .doesNotContain("thanks for reaching out");
        }
        assertThat(research).contains("Market size").contains("Competitors").contains("Channels")
                .contains("(simulated figure)");
        assertThat(outputOf(out, "financial-analyst")).contains("| Item |").contains("Break-even");
        assertThat(outputOf(out, "legal-analyst")).contains("APPI").contains("severity");
        String report = out.result().output();
        assertThat(report).startsWith(SimulatedModel.LABEL + "\nStrategy Lead:")
                .contains("# Should We Enter the Japanese Market with Our B2B Invoicing SaaS?")
                .contains("## Risks").contains("## Recommendation").contains(researchLine);
    }

    @Test
    void chainFactCheckerEndsWithAPass() throws Exception {
        for (long seed : List.of(1L, 2L, 3L, 42L)) {
            Runs.Outcome out = run("chain-blog-article.json",
                    "Heat pumps in cold climates: a 1200-word article for homeowners", seed);

            List<RunEvent.CriticVerdict> verdicts = out.events(RunEvent.CriticVerdict.class);
            assertThat(verdicts).isNotEmpty();
            assertThat(verdicts.get(verdicts.size() - 1).pass()).isTrue();
            assertThat(out.result().output()).startsWith(SimulatedModel.LABEL + "\n# Heat Pumps in Cold Climates\n");
            // the writer writes an article from the notes, not notes of its own
            String notes = outputOf(out, "researcher");
            String claim = notes.lines().filter(l -> l.startsWith("- ")).findFirst().orElseThrow().substring(2);
            assertThat(outputOf(out, "writer")).startsWith(SimulatedModel.LABEL + "\n# ")
                    .contains(claim.substring(0, 30));
        }
    }

    @Test
    void contractJudgeDecidesOnceAndTheMemoStartsWithTheDecision() throws Exception {
        Runs.Outcome out = run("parallel-contract-review.json", "Service agreement with Acme Cloud: 3-year term, "
                + "liability capped at 12 months of fees, auto-renewal, payment in 60 days. We are the customer.", 42);

        assertThat(out.events(RunEvent.JudgeDecision.class)).hasSize(1);
        assertThat(out.result().output()).startsWith(SimulatedModel.LABEL + "\n# Decision: ")
                .contains("## Clauses to negotiate").contains("liability capped at 12 months of fees");
    }

    @Test
    void sameSeedGivesTheSameOutputsForEverySample() throws Exception {
        String[][] runs = {{"swarm-customer-support.json", "I was charged twice and want a refund"},
                {"supervisor-market-entry-japan.json", "Should we enter Japan with our app?"},
                {"chain-blog-article.json", "Solar roofs for renters"},
                {"parallel-contract-review.json", "Supply contract: liability unlimited, payment in 90 days"}};
        for (String[] r : runs) {
            Runs.Outcome first = run(r[0], r[1], 5);
            Runs.Outcome second = run(r[0], r[1], 5);
            assertThat(second.events(RunEvent.AgentFinished.class)).extracting(RunEvent.AgentFinished::output)
                    .as(r[0]).containsExactlyInAnyOrderElementsOf(first.events(RunEvent.AgentFinished.class).stream()
                            .map(RunEvent.AgentFinished::output).toList());
            assertThat(second.result().output()).isEqualTo(first.result().output());
        }
    }
}
