package dev.baton.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.engine.FlowRunner;
import dev.baton.engine.RunEvent;
import dev.baton.engine.model.ModelPrices;
import dev.baton.engine.model.ModelProvider;
import dev.baton.engine.model.ModelReply;
import dev.baton.flow.Flow;
import dev.baton.testing.StubProviders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** model_calls rows hold the exact prompt messages, the reply and its list-price cost. */
class AuditModelCallsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void sampleRunKeepsTheSystemPromptAndTheReplyOfEveryCall() throws Exception {
        Flow flow = AuditTestRuns.sample("chain-blog-article.json");
        Path db = dir.resolve("audit");
        AuditTestRuns.Done done;
        try (AuditWriter writer = AuditWriter.open(db)) {
            done = AuditTestRuns.run(writer, AuditTestRuns.simulatedRunner(5), flow, "Write about heat pumps");
        }
        List<RunEvent.ModelRequested> requests = done.recorder().events.stream()
                .filter(RunEvent.ModelRequested.class::isInstance).map(RunEvent.ModelRequested.class::cast).toList();
        List<RunEvent.ModelResponded> replies = done.recorder().events.stream()
                .filter(RunEvent.ModelResponded.class::isInstance).map(RunEvent.ModelResponded.class::cast).toList();
        try (H2AuditStore store = H2AuditStore.open(db)) {
            List<AuditStore.ModelCallRecord> calls = store.modelCalls(done.result().runId());
            assertThat(calls).hasSize(replies.size()).isNotEmpty();
            for (int i = 0; i < calls.size(); i++) {
                AuditStore.ModelCallRecord call = calls.get(i);
                RunEvent.ModelRequested request = requests.stream().filter(r -> r.seq() == call.requestSeq())
                        .findFirst().orElseThrow();
                JsonNode prompt = JSON.readTree(call.prompt());
                assertThat(prompt.size()).isEqualTo(request.prompt().size());
                for (int m = 0; m < prompt.size(); m++) {
                    assertThat(prompt.get(m).path("role").asText()).isEqualTo(request.prompt().get(m).role());
                    assertThat(prompt.get(m).path("text").asText()).isEqualTo(request.prompt().get(m).text());
                }
                assertThat(prompt.get(0).path("role").asText()).isEqualTo("system");
                assertThat(prompt.get(0).path("text").asText()).startsWith("You are ");
                assertThat(call.response()).isEqualTo(replies.get(i).text()).isNotBlank();
                assertThat(call.costUsd()).isEqualTo(replies.get(i).costUsd());
            }
        }
    }

    @Test
    void pricedModelRecordsTheListPriceOfEachCall() throws Exception {
        ModelProvider priced = StubProviders.answering((request, sink) -> new ModelReply("A priced answer.", List.of(), 1200, 300, true, "openai",
                "gpt-4o-mini", false));
        Flow flow = AuditCrashChild.longChain(2);
        Path db = dir.resolve("priced");
        AuditTestRuns.Done done;
        try (AuditWriter writer = AuditWriter.open(db)) {
            done = AuditTestRuns.run(writer, FlowRunner.create(priced, AuditTestRuns.FAST), flow, "Price me");
        }
        double expected = ModelPrices.standard().cost("openai", "gpt-4o-mini", 1200, 300).orElseThrow();
        assertThat(expected).isPositive();
        try (H2AuditStore store = H2AuditStore.open(db)) {
            List<AuditStore.ModelCallRecord> calls = store.modelCalls(done.result().runId());
            assertThat(calls).hasSize(2).allSatisfy(c -> {
                assertThat(c.provider()).isEqualTo("openai");
                assertThat(c.model()).isEqualTo("gpt-4o-mini");
                assertThat(c.costUsd()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-8));
                assertThat(c.response()).isEqualTo("A priced answer.");
            });
        }
    }
}
