package dev.baton.engine;

import dev.baton.engine.model.ChatMessage;
import dev.baton.engine.model.ToolCall;
import dev.baton.flow.AgentNode;
import dev.baton.flow.ApprovalPolicy;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;
import dev.baton.flow.NodeToolSettings;
import dev.baton.flow.ToolSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Approval policies and the approval gate of tool calls, through the real engine, runner and file tools. */
class ToolApprovalTest {

    @TempDir
    Path workspace;

    private static AgentNode writer(String... tools) {
        return AgentNode.of("writer", NodeKind.AGENT, "Writer").withRole("clerk").withTools(List.of(tools));
    }

    private static Flow flow(AgentNode agent, ToolSettings tools) {
        return Flows.flow().node(agent).chain(agent.id()).build().withTools(tools);
    }

    private static ToolSettings approval(Map<String, ApprovalPolicy> policies) {
        return new ToolSettings(null, List.of(), List.of(), null, policies);
    }

    private static ToolCall write(String id, String path, String text) {
        return new ToolCall(id, "write_file", Map.of(), "{\"path\":\"" + path + "\",\"content\":\"" + text + "\"}");
    }

    /** The writer writes note.txt on its first turn, then answers with what the tool said. */
    private static ScriptedModel writesNote() {
        return new ScriptedModel().on("writer", (r, n) -> n == 1 ? ScriptedModel.tools(write("c1", "note.txt", "hi"))
                : ScriptedModel.text("tool said: " + lastToolText(r.messages())));
    }

    static String lastToolText(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof ChatMessage.ToolResult t) {
                return t.text();
            }
        }
        return "";
    }

    /** Starts a run and waits until it asks for an approval. */
    private static Started start(ScriptedModel model, Flow flow, RunRequest request) throws Exception {
        EventRecorder rec = new EventRecorder();
        RunHandle h = Runs.runner(model).start(flow, request, rec);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (rec.of(RunEvent.ToolApprovalRequested.class).isEmpty() && System.nanoTime() < until
                && !h.result().isDone()) {
            Thread.sleep(5);
        }
        assertThat(rec.of(RunEvent.ToolApprovalRequested.class)).as("approval asked").isNotEmpty();
        return new Started(h, rec);
    }

    private record Started(RunHandle handle, EventRecorder recorder) {
        RunEvent.ToolApprovalRequested request() {
            return recorder.of(RunEvent.ToolApprovalRequested.class).get(0);
        }

        RunResult finish() throws Exception {
            RunResult r = handle.result().get(20, TimeUnit.SECONDS);
            assertThat(handle.awaitEventsDelivered(Duration.ofSeconds(5))).isTrue();
            return r;
        }
    }

    @Test
    void writeFileAsksByDefaultAndRunsOnceApproved() throws Exception {
        Started s = start(writesNote(), flow(writer("write_file"), ToolSettings.NONE),
                RunRequest.of("go").withWorkspace(workspace));
        RunEvent.ToolApprovalRequested asked = s.request();
        assertThat(asked.tool()).isEqualTo("write_file");
        assertThat(asked.argumentsJson()).contains("note.txt");
        assertThat(Files.exists(workspace.resolve("note.txt"))).as("nothing written before approval").isFalse();

        assertThat(s.handle().approveTool(asked.requestId(), ToolApproval.approve("designer"))).isTrue();
        assertThat(s.handle().approveTool(asked.requestId(), ToolApproval.approve("designer")))
                .as("answered once").isFalse();

        assertThat(s.finish().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(Files.readString(workspace.resolve("note.txt"))).isEqualTo("hi");
        RunEvent.ToolApprovalAnswered answered = s.recorder().of(RunEvent.ToolApprovalAnswered.class).get(0);
        assertThat(answered.decision()).isEqualTo("approve");
        assertThat(answered.by()).isEqualTo("designer");
        assertThat(answered.requestId()).isEqualTo(asked.requestId());
        List<RunEvent> all = s.recorder().events;
        assertThat(all.indexOf(answered)).isLessThan(all.indexOf(
                s.recorder().of(RunEvent.ToolCallFinished.class).get(0)));
    }

    @Test
    void aDeniedCallIsAResultTheModelReadsAndTheRunGoesOn() throws Exception {
        Started s = start(writesNote(), flow(writer("write_file"), ToolSettings.NONE),
                RunRequest.of("go").withWorkspace(workspace));
        s.handle().approveTool(s.request().requestId(), ToolApproval.deny("cli", "not today"));

        RunResult r = s.finish();
        assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(r.output()).contains("denied by cli: not today");
        assertThat(Files.exists(workspace.resolve("note.txt"))).isFalse();
        RunEvent.ToolCallFinished done = s.recorder().of(RunEvent.ToolCallFinished.class).get(0);
        assertThat(done.error()).isTrue();
        assertThat(done.content()).contains("denied");
    }

    @Test
    void theFlowsDenyPolicyRefusesWithoutAskingAndTheNodesPolicyWins() throws Exception {
        Flow denied = flow(writer("write_file"), approval(Map.of("write_file", ApprovalPolicy.DENY)));
        Runs.Outcome o = Runs.run(writesNote(), denied, RunRequest.of("go").withWorkspace(workspace));
        assertThat(o.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(o.events(RunEvent.ToolApprovalRequested.class)).isEmpty();
        RunEvent.ToolApprovalAnswered a = o.events(RunEvent.ToolApprovalAnswered.class).get(0);
        assertThat(a.decision()).isEqualTo("deny");
        assertThat(a.by()).isEqualTo("policy");
        assertThat(a.requestId()).isEmpty();
        assertThat(Files.exists(workspace.resolve("note.txt"))).isFalse();

        AgentNode auto = writer("write_file").withToolSettings(
                new NodeToolSettings(null, Map.of("write_file", ApprovalPolicy.AUTO)));
        Runs.Outcome o2 = Runs.run(writesNote(), flow(auto, approval(Map.of("write_file", ApprovalPolicy.DENY))),
                RunRequest.of("go").withWorkspace(workspace));
        assertThat(o2.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(o2.events(RunEvent.ToolApprovalAnswered.class)).isEmpty();
        assertThat(Files.readString(workspace.resolve("note.txt"))).isEqualTo("hi");
    }

    private static ScriptedModel readsA() {
        return new ScriptedModel().on("writer", (r, n) -> n == 1
                ? ScriptedModel.tools(new ToolCall("c1", "read_file", Map.of(), "{\"path\":\"a.txt\"}"))
                : ScriptedModel.text("read: " + lastToolText(r.messages())));
    }

    @Test
    void aReadingToolRunsWithoutAskingUnlessTheFlowSaysAsk() throws Exception {
        Files.writeString(workspace.resolve("a.txt"), "alpha");
        Runs.Outcome o = Runs.run(readsA(), flow(writer("read_file"), ToolSettings.NONE),
                RunRequest.of("go").withWorkspace(workspace));
        assertThat(o.result().output()).contains("alpha");
        assertThat(o.events(RunEvent.ToolApprovalRequested.class)).isEmpty();

        Started s = start(readsA(), flow(writer("read_file"), approval(Map.of("read_file", ApprovalPolicy.ASK))),
                RunRequest.of("go").withWorkspace(workspace));
        s.handle().approveTool(s.request().requestId(), ToolApproval.approve("designer"));
        assertThat(s.finish().output()).contains("alpha");
    }

    @Test
    void editedArgumentsAreUsedAndCheckedAgainstTheSchema() throws Exception {
        Started s = start(writesNote(), flow(writer("write_file"), ToolSettings.NONE),
                RunRequest.of("go").withWorkspace(workspace));
        s.handle().approveTool(s.request().requestId(), ToolApproval.approveEdited("designer",
                "{\"path\":\"edited.txt\",\"content\":\"changed\"}"));
        assertThat(s.finish().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(Files.exists(workspace.resolve("note.txt"))).isFalse();
        assertThat(Files.readString(workspace.resolve("edited.txt"))).isEqualTo("changed");
        assertThat(s.recorder().of(RunEvent.ToolApprovalAnswered.class).get(0).editedArguments())
                .contains("edited.txt");

        Started bad = start(writesNote(), flow(writer("write_file"), ToolSettings.NONE),
                RunRequest.of("go").withWorkspace(workspace));
        bad.handle().approveTool(bad.request().requestId(), ToolApproval.approveEdited("designer",
                "{\"file\":\"x.txt\"}"));
        RunResult r = bad.finish();
        assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(r.output()).contains("invalid arguments");
        assertThat(Files.exists(workspace.resolve("x.txt"))).isFalse();
    }

    @Test
    void approvedForTheRunLetsTheSameToolThroughWithoutAskingAgain() throws Exception {
        ScriptedModel twice = new ScriptedModel().on("writer", (r, n) -> switch (n) {
            case 1 -> ScriptedModel.tools(write("c1", "one.txt", "1"));
            case 2 -> ScriptedModel.tools(write("c2", "two.txt", "2"));
            default -> ScriptedModel.text("done");
        });
        Started s = start(twice, flow(writer("write_file"), ToolSettings.NONE),
                RunRequest.of("go").withWorkspace(workspace));
        s.handle().approveTool(s.request().requestId(), ToolApproval.approveForRun("cli"));
        assertThat(s.finish().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(s.recorder().of(RunEvent.ToolApprovalRequested.class)).hasSize(1);
        assertThat(s.recorder().of(RunEvent.ToolApprovalAnswered.class))
                .extracting(RunEvent.ToolApprovalAnswered::decision, RunEvent.ToolApprovalAnswered::by)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("approve_for_run", "cli"),
                        org.assertj.core.groups.Tuple.tuple("approve", "policy"));
        assertThat(workspace.resolve("two.txt")).exists();
    }

    @Test
    void aWaitingApprovalHoldsOnlyItsOwnBranch() throws Exception {
        ScriptedModel model = writesNote();
        model.answer("other", "other branch done");
        Flow flow = Flows.flow().node(writer("write_file")).agent("other")
                .next("start", "writer").next("start", "other").next("writer", "out").next("other", "out")
                .build();
        Started s = start(model, flow, RunRequest.of("go").withWorkspace(workspace));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (s.recorder().of(RunEvent.AgentFinished.class).stream().noneMatch(f -> f.nodeId().equals("other"))
                && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertThat(s.recorder().of(RunEvent.AgentFinished.class)).extracting(RunEvent.AgentFinished::nodeId)
                .as("the other branch finished while the writer waited").contains("other").doesNotContain("writer");
        s.handle().approveTool(s.request().requestId(), ToolApproval.approve("designer"));
        assertThat(s.finish().status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void cancelWhileWaitingEndsTheRunCancelled() throws Exception {
        Started s = start(writesNote(), flow(writer("write_file"), ToolSettings.NONE),
                RunRequest.of("go").withWorkspace(workspace));
        s.handle().cancel();
        assertThat(s.finish().status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(s.handle().approveTool(s.request().requestId(), ToolApproval.approve("late"))).isFalse();
        assertThat(Files.exists(workspace.resolve("note.txt"))).isFalse();
    }

    @Test
    void theRunsGateAnswersAndWithoutHumanInputAnAskIsDenied() throws Exception {
        RunGate gate = new RunGate() {
            @Override
            public ToolApproval beforeToolCall(String runId, AgentNode node, ToolApprovalRequest request) {
                return request.tool().equals("write_file") && request.argumentsJson().contains("note.txt")
                        ? ToolApproval.approve("cli") : null;
            }
        };
        Runs.Outcome o = Runs.run(writesNote(), flow(writer("write_file"), ToolSettings.NONE),
                RunRequest.of("go").withWorkspace(workspace).withGate(gate));
        assertThat(o.events(RunEvent.ToolApprovalAnswered.class).get(0).by()).isEqualTo("cli");
        assertThat(workspace.resolve("note.txt")).exists();
        Files.delete(workspace.resolve("note.txt"));

        Runs.Outcome none = Runs.run(writesNote(), flow(writer("write_file"), ToolSettings.NONE),
                RunRequest.of("go").withWorkspace(workspace).withoutHumanInput());
        assertThat(none.result().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(none.result().output()).contains("nobody can be asked");
        assertThat(workspace.resolve("note.txt")).doesNotExist();
    }

    @Test
    void theSimulatedModelWritesAFileItsTaskSaysToSaveToAndThatAsks() throws Exception {
        dev.baton.engine.model.simulated.SimulatedProvider sim = new dev.baton.engine.model.simulated
                .SimulatedProvider(dev.baton.engine.model.simulated.SimulatedModel.Settings.DEFAULT);
        EventRecorder rec = new EventRecorder();
        RunHandle h = Runs.runner(sim).start(flow(writer("write_file", "read_file"), ToolSettings.NONE),
                RunRequest.of("Save a short note about the refund to note.md").withWorkspace(workspace), rec);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (rec.of(RunEvent.ToolApprovalRequested.class).isEmpty() && !h.result().isDone()
                && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertThat(rec.of(RunEvent.ToolCallRequested.class)).extracting(RunEvent.ToolCallRequested::tool)
                .as("written, not read").containsExactly("write_file");
        RunEvent.ToolApprovalRequested asked = rec.of(RunEvent.ToolApprovalRequested.class).get(0);
        assertThat(asked.argumentsJson()).startsWith("{\"path\":\"note.md\",\"content\":");
        h.approveTool(asked.requestId(), ToolApproval.approve("test"));
        assertThat(h.result().get(20, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(Files.readString(workspace.resolve("note.md"))).startsWith("Notes (simulated): Save a short note");
    }

    @Test
    void aSwarmAgentCallsItsPlainToolsAndStillHandsOff() throws Exception {
        Files.writeString(workspace.resolve("invoices.csv"), "INV-1,49.00\n");
        AgentNode billing = AgentNode.of("billing", NodeKind.AGENT, "Billing").withRole("billing")
                .withTools(List.of("read_file", "write_file"));
        AgentNode refunds = AgentNode.of("refunds", NodeKind.AGENT, "Refunds").withRole("refunds");
        Flow flow = Flows.flow().node(billing).node(refunds).next("start", "billing")
                .edge(dev.baton.flow.Edge.handoff("h1", "billing", "refunds")).next("billing", "out")
                .build();
        ScriptedModel model = new ScriptedModel().on("billing", (r, n) -> switch (n) {
            case 1 -> {
                assertThat(r.tools()).extracting(t -> t.name()).contains("handoff_to_refunds", "read_file");
                yield ScriptedModel.tools(new ToolCall("c1", "read_file", Map.of(), "{\"path\":\"invoices.csv\"}"));
            }
            default -> ScriptedModel.tools(new ToolCall("c2", "handoff_to_refunds",
                    Map.of("reason", "refund: " + lastToolText(r.messages()).strip())));
        }).on("refunds", (r, n) -> ScriptedModel.text("refunded"));

        Runs.Outcome o = Runs.run(model, flow, RunRequest.of("refund please").withWorkspace(workspace));

        assertThat(o.result().status()).as(o.result().cause()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(o.result().output()).contains("refunded");
        assertThat(o.events(RunEvent.ToolCallFinished.class)).singleElement()
                .satisfies(f -> assertThat(f.content()).contains("INV-1,49.00"));
        assertThat(o.events(RunEvent.Handoff.class)).singleElement()
                .satisfies(h -> assertThat(h.reason()).isEqualTo("refund: INV-1,49.00"));
    }

    @Test
    void eachModelRequestOfAToolLoopCarriesItsWholePrompt() throws Exception {
        ScriptedModel twice = new ScriptedModel().on("writer", (r, n) -> n <= 2
                ? ScriptedModel.tools(new ToolCall("c" + n, "calculator", Map.of(), "{\"expression\":\"" + n + " + 1\"}"))
                : ScriptedModel.text("done"));
        Flow f = flow(writer("calculator"), ToolSettings.NONE);
        for (int run = 0; run < 2; run++) {
            Runs.Outcome o = Runs.run(twice, f, RunRequest.of("go " + run));
            twice.calls.clear();
            List<RunEvent.ModelRequested> asked = o.events(RunEvent.ModelRequested.class);
            assertThat(asked).extracting(a -> a.prompt().stream().map(RunEvent.PromptMessage::role).toList())
                    .containsExactly(List.of("system", "user"), List.of("system", "user", "assistant", "tool"),
                            List.of("system", "user", "assistant", "tool", "assistant", "tool"));
            RunEvent.ModelRequested last = asked.get(2);
            assertThat(last.prompt().get(1).text()).contains("go " + run);
            assertThat(last.prompt().get(3).text()).isEqualTo("2");
            assertThat(last.prompt().get(5).text()).isEqualTo("3");
        }
    }
}
