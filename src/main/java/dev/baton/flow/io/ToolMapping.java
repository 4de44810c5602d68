package dev.baton.flow.io;

import dev.baton.flow.ApprovalPolicy;
import dev.baton.flow.McpServerDecl;
import dev.baton.flow.NodeToolSettings;
import dev.baton.flow.ToolSettings;
import dev.baton.flow.io.Dtos.McpServerDto;
import dev.baton.flow.io.Dtos.ToolsDto;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps the flow's {@code tools} block and a node's tool settings between the DTOs and the model. */
final class ToolMapping {

    private final SourceMap sourceMap;

    ToolMapping(SourceMap sourceMap) {
        this.sourceMap = sourceMap;
    }

    ToolSettings tools(ToolsDto dto) throws FlowLoadException {
        if (dto == null) {
            return ToolSettings.NONE;
        }
        List<McpServerDecl> servers = new ArrayList<>();
        List<McpServerDto> dtos = dto.mcpServers() == null ? List.of() : dto.mcpServers();
        for (int i = 0; i < dtos.size(); i++) {
            String at = "/tools/mcpServers/" + i;
            McpServerDto s = dtos.get(i);
            if (s == null) {
                throw new FlowLoadException(sourceMap.describe(at), "expected an MCP server object, found null");
            }
            if (s.name() == null) {
                throw new FlowLoadException(sourceMap.describe(at), "missing required field 'name'");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            List<Dtos.HeaderDto> hs = s.headers() == null ? List.of() : s.headers();
            for (int h = 0; h < hs.size(); h++) {
                Dtos.HeaderDto hd = hs.get(h);
                if (hd == null || hd.name() == null || hd.valueFrom() == null) {
                    throw new FlowLoadException(sourceMap.describe(at + "/headers/" + h),
                            "expected {\"name\": header, \"valueFrom\": variable name}");
                }
                headers.put(hd.name(), hd.valueFrom());
            }
            servers.add(new McpServerDecl(s.name(), s.command(), noNulls(s.args(), at + "/args"),
                    noNulls(s.env(), at + "/env"), s.url(), headers,
                    seconds(s.startTimeoutSeconds(), at + "/startTimeoutSeconds"),
                    seconds(s.callTimeoutSeconds(), at + "/callTimeoutSeconds")));
        }
        return new ToolSettings(dto.workspace(), noNulls(dto.httpAllowHosts(), "/tools/httpAllowHosts"), servers,
                dto.maxToolCalls(), approval(dto.approval(), "/tools/approval"));
    }

    NodeToolSettings node(Integer maxToolCalls, Map<String, String> approval, String pointer)
            throws FlowLoadException {
        if (maxToolCalls == null && (approval == null || approval.isEmpty())) {
            return null;
        }
        return new NodeToolSettings(maxToolCalls, approval(approval, pointer + "/approval"));
    }

    private Map<String, ApprovalPolicy> approval(Map<String, String> words, String pointer) throws FlowLoadException {
        Map<String, ApprovalPolicy> map = new LinkedHashMap<>();
        if (words == null) {
            return map;
        }
        for (Map.Entry<String, String> e : words.entrySet()) {
            String at = pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
            ApprovalPolicy p = ApprovalPolicy.of(e.getValue()).orElseThrow(() -> new FlowLoadException(
                    sourceMap.describe(at), "expected one of auto, ask, deny, found '" + e.getValue() + "'"));
            map.put(e.getKey(), p);
        }
        return map;
    }

    /** An MCP time limit: 1 s to an hour. */
    private Integer seconds(Integer value, String pointer) throws FlowLoadException {
        if (value != null && (value < 1 || value > 3600)) {
            throw new FlowLoadException(sourceMap.describe(pointer),
                    "expected a number of seconds from 1 to 3600, found " + value);
        }
        return value;
    }

    private List<String> noNulls(List<String> list, String pointer) throws FlowLoadException {
        if (list == null) {
            return List.of();
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new FlowLoadException(sourceMap.describe(pointer + "/" + i), "expected a string, found null");
            }
        }
        return list;
    }

    static ToolsDto toolsDto(ToolSettings t) {
        if (t == null || t.isEmpty()) {
            return null;
        }
        return new ToolsDto(t.workspace(), t.httpAllowHosts(),
                t.mcpServers().stream().map(s -> new McpServerDto(s.name(), s.command(), s.args(), s.env(), s.url(),
                        s.headers().entrySet().stream().map(e -> new Dtos.HeaderDto(e.getKey(), e.getValue()))
                                .toList(), s.startTimeoutSeconds(), s.callTimeoutSeconds())).toList(),
                t.maxToolCalls(), words(t.approval()));
    }

    static Map<String, String> words(Map<String, ApprovalPolicy> approval) {
        if (approval == null || approval.isEmpty()) {
            return null;
        }
        Map<String, String> m = new LinkedHashMap<>();
        approval.forEach((k, v) -> m.put(k, v.word()));
        return m;
    }
}
