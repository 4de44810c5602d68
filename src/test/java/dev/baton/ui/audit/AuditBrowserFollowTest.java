package dev.baton.ui.audit;

import dev.baton.audit.AuditPaths;
import dev.baton.audit.AuditStore.RunSummary;
import dev.baton.audit.H2AuditStore;
import dev.baton.engine.RunResult;
import dev.baton.ui.shell.AuditedRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit browser's view-model on a supervisor run: delegations beside handoffs, the run's output, whole payloads,
 * and a list that follows new runs written to the database (issue 15).
 */
class AuditBrowserFollowTest {

    @TempDir
    Path dir;

    private final Executor background = r -> new Thread(r, "test-reader").start();

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    @Test
    void aSupervisorRunShowsItsDelegationsAndAnswersItsOutputAndWholePayloads() throws Exception {
        Path db = dir.resolve("audit");
        RunResult run = AuditedRun.simulate("supervisor-market-entry-japan.json",
                "Should a Dutch e-bike maker enter the Japanese market?", db);
        AuditBrowserModel m = new AuditBrowserModel(() -> H2AuditStore.open(db), background, Runnable::run);
        await(m.refresh());
        await(m.select(m.runs().get(0)));

        List<AuditBrowserModel.TransferRow> delegations = m.transfers().stream()
                .filter(t -> t.kind().equals("delegation")).toList();
        assertThat(delegations).as("the supervisor's delegations are in the Handoffs tab").isNotEmpty();
        assertThat(delegations).allSatisfy(d -> assertThat(d.text()).isNotBlank());
        assertThat(m.transfers()).anyMatch(t -> t.kind().equals("answer")
                && t.to().equals(delegations.get(0).from()));
        assertThat(m.transfers()).extracting(AuditBrowserModel.TransferRow::seq).isSorted();
        assertThat(m.output().get()).isEqualTo(run.output()).isNotBlank();

        AuditBrowserModel.EventRow delegated = m.events().stream().filter(e -> e.kind().equals("Delegated"))
                .findFirst().orElseThrow();
        // the whole instruction, where the one-line summary is cut
        String instruction = delegated.payload().path("instruction").asText();
        assertThat(instruction).isEqualTo(delegations.get(0).text()).hasSizeGreaterThan(140);
        String tail = instruction.substring(instruction.length() - 40);
        assertThat(delegated.summary()).doesNotContain(tail);
        assertThat(delegated.payloadText()).contains(tail).contains("\n");
    }

    @Test
    void theListFollowsRunsWrittenByAnyoneAndKeepsTheSelection() throws Exception {
        Path db = dir.resolve("audit");
        RunResult first = AuditedRun.simulate("chain-blog-article.json", "Heat pumps in cold climates", db);
        AuditBrowserModel m = new AuditBrowserModel(() -> H2AuditStore.open(db), background, Runnable::run);
        List<String> reselected = new ArrayList<>();
        m.onReselect(r -> {
            reselected.add(r.runId());
            m.select(r);
        });
        Path file = AuditPaths.dataFile(db);
        await(m.refreshIfChanged(file));
        assertThat(m.runs()).extracting(RunSummary::runId).containsExactly(first.runId());
        await(m.select(m.runs().get(0)));
        assertThat(await(m.refreshIfChanged(file))).as("nothing was written since").isFalse();

        RunResult second = AuditedRun.simulate("chain-blog-article.json", "Solar roofs", db);

        assertThat(await(m.refreshIfChanged(file))).isTrue();
        assertThat(m.runs()).extracting(RunSummary::runId).containsExactlyInAnyOrder(first.runId(), second.runId());
        assertThat(reselected).containsExactly(first.runId());
        assertThat(m.selected().get().runId()).isEqualTo(first.runId());
    }

    /**
     * Before the first run there is no database: the browser says so plainly, without an error about a missing file,
     * creates nothing, and lists the first run once it is written.
     */
    @Test
    void beforeTheFirstRunItSaysNoRunsYetAndThenFollows() throws Exception {
        Path db = dir.resolve("fresh").resolve("audit");
        AuditBrowserModel m = AuditBrowserModel.forDatabase(db, background, Runnable::run);
        m.refresh().handle((v, e) -> null).get(20, TimeUnit.SECONDS);
        assertThat(m.message().get()).isEqualTo(AuditBrowserModel.NO_RUNS_YET);
        assertThat(m.runs()).isEmpty();
        assertThat(AuditPaths.dataFile(db)).doesNotExist();

        AuditedRun.simulate("chain-blog-article.json", "Heat pumps in cold climates", db);
        await(m.refreshIfChanged(AuditPaths.dataFile(db)));
        assertThat(m.runs()).hasSize(1);
        assertThat(m.message().get()).isEmpty();
    }
}
