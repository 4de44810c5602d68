package dev.baton.importer;

import dev.baton.flow.AgentNode;
import dev.baton.flow.EdgeKind;
import dev.baton.flow.ModelRef;
import dev.baton.flow.NodeKind;
import dev.baton.flow.io.FlowJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Workflows of AutoGen Studio before AgentChat (0.1 sender/receiver, 0.2 agents with links), as users export them. */
class AutoGenWorkflowTest {

    private static List<String> report(ImportResult r) {
        return r.notes().stream().map(ImportNote::line).toList();
    }

    @Test
    void aTwoAgentWorkflowOfStudio02IsOneAgentWithItsModelAndSkills(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("workflow.json"), """
                {"name": "Default Workflow", "type": "autonomous", "description": "Default workflow",
                 "summary_method": "last", "agents": [
                  {"agent": {"type": "userproxy", "config": {"name": "user_proxy", "human_input_mode": "NEVER",
                     "code_execution_config": "local", "llm_config": false}, "skills": [], "models": []},
                   "link": {"agent_type": "sender", "sequence_id": 0}},
                  {"agent": {"type": "assistant", "config": {"name": "default_assistant",
                     "human_input_mode": "NEVER", "description": "Assistant Agent",
                     "system_message": "You are a helpful AI assistant.",
                     "llm_config": {"config_list": [{"api_type": "open_ai", "model": "gpt-4-1106-preview",
                       "base_url": null, "api_key": "sk-not-a-real-key-000000000000000000"}], "temperature": 0}},
                     "skills": [{"name": "generate_images", "content": "import os\\nos.system('x')"}],
                     "models": [{"model": "gpt-4-1106-preview", "api_type": "open_ai"}]},
                   "link": {"agent_type": "receiver", "sequence_id": 0}}]}
                """);

        ImportResult r = Importers.importFrom(file, null);

        assertThat(r.format()).isEqualTo("autogen");
        assertThat(r.valid()).as(r.problems().toString()).isTrue();
        assertThat(r.flow().nodes()).extracting(AgentNode::id).containsExactly("task", "default-assistant", "result");
        AgentNode assistant = r.flow().nodes().get(1);
        assertThat(assistant.instructions()).isEqualTo("You are a helpful AI assistant.");
        assertThat(assistant.model()).isEqualTo(new ModelRef(ModelRef.OPENAI, "gpt-4-1106-preview", null, 0.0));
        assertThat(FlowJson.write(r.flow())).doesNotContain("sk-not-a-real-key");
        assertThat(report(r)).anyMatch(l -> l.contains("the sender 'user_proxy'"))
                .anyMatch(l -> l.contains("skills[0]: the tool 'generate_images' - not carried over"))
                .anyMatch(l -> l.contains("the model's api_key - not copied; set OPENAI_API_KEY"));
    }

    @Test
    void aGroupChatOfStudio01IsASupervisorDelegatingToItsAssistants(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("groupchat_spec.json"), """
                {"name": "Travel Agent Group Chat Workflow", "type": "groupchat",
                 "sender": {"type": "userproxy", "config": {"name": "userproxy", "human_input_mode": "NEVER"}},
                 "receiver": {"type": "groupchat", "config": {"name": "group_chat_manager",
                    "llm_config": {"config_list": [{"model": "gpt-4-1106-preview"}], "temperature": 0.1},
                    "system_message": "Group chat manager"},
                  "groupchat_config": {"admin_name": "Admin", "max_round": 10, "speaker_selection_method": "auto",
                    "agents": [
                      {"type": "assistant", "config": {"name": "primary_assistant",
                        "system_message": "You coordinate the travel plan."}},
                      {"type": "assistant", "config": {"name": "local_assistant",
                        "system_message": "You know the local sights."}},
                      {"type": "userproxy", "config": {"name": "userproxy"}}]}}}
                """);

        ImportResult r = Importers.importFrom(file, null);

        assertThat(r.valid()).as(r.problems().toString()).isTrue();
        AgentNode manager = r.flow().nodesOfKind(NodeKind.SUPERVISOR).get(0);
        assertThat(manager.instructions()).isEqualTo("Group chat manager");
        assertThat(r.flow().edges()).filteredOn(e -> e.kind() == EdgeKind.DELEGATES)
                .extracting(e -> e.to()).containsExactly("primary-assistant", "local-assistant");
        assertThat(report(r)).anyMatch(l -> l.contains("the user proxy 'userproxy' in the group - left out"))
                .anyMatch(l -> l.contains("max_round 10"));
    }
}
