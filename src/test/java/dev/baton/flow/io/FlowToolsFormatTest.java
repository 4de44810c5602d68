package dev.baton.flow.io;

import dev.baton.flow.AgentNode;
import dev.baton.flow.Edge;
import dev.baton.flow.ApprovalPolicy;
import dev.baton.flow.Flow;
import dev.baton.flow.FlowValidator;
import dev.baton.flow.McpServerDecl;
import dev.baton.flow.NodeKind;
import dev.baton.flow.NodeToolSettings;
import dev.baton.flow.Problem;
import dev.baton.flow.ToolSettings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The flow's tools block and a node's tool settings: round trip, canonical text, locations of bad values. */
class FlowToolsFormatTest {

    private static Flow flowWithTools() {
        ToolSettings tools = new ToolSettings("data", List.of("api.example.com", "*.wikipedia.org"),
                List.of(new McpServerDecl("fs", "npx", List.of("-y", "@modelcontextprotocol/server-filesystem", "."),
                                List.of("FS_TOKEN"), null, null),
                        new McpServerDecl("gh", null, null, null, "https://mcp.example.com/mcp",
                                Map.of("Authorization", "GITHUB_MCP_TOKEN"))),
                8, Map.of("write_file", ApprovalPolicy.ASK, "fs/read_text_file", ApprovalPolicy.AUTO));
        AgentNode agent = AgentNode.of("clerk", NodeKind.AGENT, "Clerk")
                .withTools(List.of("read_file", "write_file", "http_get", "fs/read_text_file", "calculator"))
                .withToolSettings(new NodeToolSettings(3, Map.of("write_file", ApprovalPolicy.DENY)));
        return Flow.empty("tools-flow", "Tools")
                .addNode(AgentNode.of("start", NodeKind.START, "Start"))
                .addNode(agent)
                .addNode(AgentNode.of("out", NodeKind.OUTPUT, "Out"))
                .addEdge(Edge.next("e1", "start", "clerk"))
                .addEdge(Edge.next("e2", "clerk", "out"))
                .withTools(tools);
    }

    @Test
    void toolSettingsRoundTripAndReadLikeTheChange() throws Exception {
        Flow flow = flowWithTools();
        String json = FlowJson.write(flow);
        Flow back = FlowJson.read(json).flow();
        assertThat(back.tools()).isEqualTo(flow.tools());
        assertThat(back.node("clerk").orElseThrow().toolSettings())
                .isEqualTo(flow.node("clerk").orElseThrow().toolSettings());
        assertThat(FlowJson.write(back)).isEqualTo(json);
        assertThat(json).contains("\"tools\": {").contains("\"httpAllowHosts\"").contains("\"maxToolCalls\": 3")
                .contains("\"write_file\": \"deny\"").contains("\"valueFrom\": \"GITHUB_MCP_TOKEN\"");
        assertThat(json.indexOf("\"limits\"")).isLessThan(json.indexOf("\"tools\": {"));
        assertThat(json.indexOf("\"tools\": {")).isLessThan(json.indexOf("\"nodes\""));
    }

    @Test
    void theWrittenToolsBlockFitsTheSchemaAndABadOneDoesNot() throws Exception {
        com.networknt.schema.JsonSchema schema;
        try (java.io.InputStream in = FlowJson.class.getResourceAsStream(FlowJson.SCHEMA_RESOURCE)) {
            schema = com.networknt.schema.JsonSchemaFactory.getInstance(
                    com.networknt.schema.SpecVersion.VersionFlag.V202012).getSchema(in);
        }
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        String json = FlowJson.write(flowWithTools());
        assertThat(schema.validate(mapper.readTree(json))).isEmpty();
        String badPolicy = json.replace("\"write_file\": \"deny\"", "\"write_file\": \"sometimes\"");
        assertThat(schema.validate(mapper.readTree(badPolicy))).isNotEmpty();
        String secretHeader = json.replace("\"valueFrom\": \"GITHUB_MCP_TOKEN\"", "\"value\": \"abc\"");
        assertThat(schema.validate(mapper.readTree(secretHeader))).isNotEmpty();
    }

    @Test
    void aFlowWithoutToolsHasNoToolsBlock() throws Exception {
        Flow flow = Flow.empty("plain", "Plain");
        String json = FlowJson.write(flow);
        assertThat(json).doesNotContain("\"tools\"").doesNotContain("maxToolCalls");
        assertThat(FlowJson.read(json).flow().tools()).isEqualTo(ToolSettings.NONE);
    }

    @Test
    void anUnknownPolicyWordIsRefusedWithItsLocation() {
        String json = FlowJson.write(flowWithTools()).replace("\"write_file\": \"ask\"", "\"write_file\": \"maybe\"");
        assertThatThrownBy(() -> FlowJson.read(json)).isInstanceOf(FlowLoadException.class)
                .hasMessageContaining("/tools/approval/write_file").hasMessageContaining("auto, ask, deny");
    }

    @Test
    void theValidatorRefusesUnknownToolsUndeclaredServersAndHttpWithoutHosts() {
        Flow base = flowWithTools();
        assertThat(FlowValidator.validate(base)).filteredOn(Problem::isError).isEmpty();

        Flow bad = base.updateNode("clerk", n -> n.withTools(List.of("web_search", "gh/create_issue",
                "jira/create_issue", "http_request", "fs/")))
                .withTools(new ToolSettings(null, List.of(), base.tools().mcpServers(), 0, Map.of()));
        List<Problem> problems = FlowValidator.validate(bad);
        assertThat(problems).filteredOn(p -> p.code().equals("unknown-tool")).extracting(Problem::pointer)
                .containsExactly("/nodes/1/tools/0", "/nodes/1/tools/4");
        assertThat(problems).filteredOn(p -> p.code().equals("undeclared-mcp-server"))
                .singleElement().satisfies(p -> {
                    assertThat(p.pointer()).isEqualTo("/nodes/1/tools/2");
                    assertThat(p.message()).contains("'jira'");
                });
        assertThat(problems).filteredOn(p -> p.code().equals("http-allow-list-empty"))
                .singleElement().satisfies(p -> assertThat(p.pointer()).isEqualTo("/nodes/1/tools/3"));
        assertThat(problems).filteredOn(p -> p.code().equals("max-tool-calls"))
                .extracting(Problem::pointer).containsExactly("/tools/maxToolCalls");
        assertThat(problems).filteredOn(p -> p.code().equals("unknown-tool")).first()
                .satisfies(p -> assertThat(p.message()).contains("'web_search'").contains("read_file"));
    }

    @Test
    void serversNeedOneTransportAndUniqueNames() {
        Flow bad = flowWithTools().withTools(new ToolSettings("data", List.of(), List.of(
                new McpServerDecl("x", "node", null, null, "http://h/mcp", null),
                new McpServerDecl("y", null, null, null, null, null),
                new McpServerDecl("y", "node", null, null, null, null)), null, Map.of()));
        List<Problem> problems = FlowValidator.validate(bad);
        assertThat(problems).filteredOn(p -> p.code().equals("mcp-server-transport")).extracting(Problem::pointer)
                .containsExactly("/tools/mcpServers/0", "/tools/mcpServers/1");
        assertThat(problems).filteredOn(p -> p.code().equals("mcp-server-duplicate")).extracting(Problem::pointer)
                .containsExactly("/tools/mcpServers/2/name");
    }

    @Test
    void anApprovalNamingNoToolIsAWarningWithItsLocation() {
        Flow base = flowWithTools();
        assertThat(FlowValidator.validate(base)).filteredOn(p -> p.code().equals("approval-unknown-tool")).isEmpty();
        Flow odd = base.withTools(new ToolSettings("data", List.of(), base.tools().mcpServers(), null,
                Map.of("wirte_file", ApprovalPolicy.ASK)))
                .updateNode("clerk", n -> n.withToolSettings(new NodeToolSettings(null,
                        Map.of("jira/create_issue", ApprovalPolicy.DENY))));
        List<Problem> problems = FlowValidator.validate(odd);
        assertThat(problems).filteredOn(p -> p.code().equals("approval-unknown-tool"))
                .extracting(Problem::pointer, Problem::isError)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/tools/approval/wirte_file", false),
                        org.assertj.core.groups.Tuple.tuple("/nodes/1/approval/jira~1create_issue", false));
        assertThat(problems).filteredOn(p -> p.code().equals("approval-unknown-tool")).last()
                .extracting(Problem::message).asString().contains("'jira'");
    }
}
