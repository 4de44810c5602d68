package dev.baton.ui.inspector;

import dev.baton.flow.ApprovalPolicy;
import dev.baton.flow.McpServerDecl;
import dev.baton.flow.ToolSettings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The flow's tool settings as the texts of the tool settings dialog, both ways, without a stage: reading them back
 * refuses with one line what the file could not hold — a variable "name" that looks like a value (the flow names its
 * secrets, it never holds them), a server with both or neither transport, two servers of one name, a policy word.
 */
public final class ToolSettingsForm {

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * One server's fields as typed.
     *
     * @param args    one argument per line
     * @param env     names of variables, separated by commas
     * @param headers {@code Header=VARIABLE}, separated by commas
     */
    public record ServerFields(String name, String command, String args, String env, String url, String headers) { }

    /**
     * All fields as typed.
     *
     * @param hosts    one host per line
     * @param approval {@code tool = auto|ask|deny}, one per line
     */
    public record Fields(String workspace, String hosts, String maxToolCalls, String approval,
                         List<ServerFields> servers) {
        public Fields {
            servers = List.copyOf(servers);
        }
    }

    private ToolSettingsForm() {
    }

    /** The texts showing {@code s}. */
    public static Fields fields(ToolSettings s) {
        List<ServerFields> servers = new ArrayList<>();
        for (McpServerDecl d : s.mcpServers()) {
            List<String> headers = new ArrayList<>();
            d.headers().forEach((h, v) -> headers.add(h + "=" + v));
            servers.add(new ServerFields(d.name(), d.command() == null ? "" : d.command(), String.join("\n", d.args()),
                    String.join(", ", d.env()), d.url() == null ? "" : d.url(), String.join(", ", headers)));
        }
        List<String> approval = new ArrayList<>();
        s.approval().forEach((t, p) -> approval.add(t + " = " + p.word()));
        return new Fields(s.workspace() == null ? "" : s.workspace(), String.join("\n", s.httpAllowHosts()),
                s.maxToolCalls() == null ? "" : s.maxToolCalls().toString(), String.join("\n", approval), servers);
    }

    /**
     * The settings the texts say.
     *
     * @throws IllegalArgumentException one line saying what is wrong and where
     */
    public static ToolSettings read(Fields f) {
        String workspace = f.workspace().strip();
        List<String> hosts = lines(f.hosts());
        Integer max = null;
        if (!f.maxToolCalls().isBlank()) {
            try {
                max = Integer.valueOf(f.maxToolCalls().strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("max tool calls: '" + f.maxToolCalls().strip()
                        + "' is not a whole number");
            }
            if (max < 1 || max > ToolPickerModel.MAX_TOOL_CALLS) {
                throw new IllegalArgumentException("max tool calls: use 1 to " + ToolPickerModel.MAX_TOOL_CALLS
                        + ", or leave it empty for the default");
            }
        }
        Map<String, ApprovalPolicy> approval = new LinkedHashMap<>();
        for (String line : lines(f.approval())) {
            int eq = line.indexOf('=');
            String tool = eq < 0 ? "" : line.substring(0, eq).strip();
            String word = eq < 0 ? "" : line.substring(eq + 1).strip();
            ApprovalPolicy p = ApprovalPolicy.of(word).orElse(null);
            if (tool.isEmpty() || p == null) {
                throw new IllegalArgumentException("approval: '" + line + "' is not 'tool = auto', 'ask' or 'deny'");
            }
            approval.put(tool, p);
        }
        List<McpServerDecl> servers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < f.servers().size(); i++) {
            McpServerDecl d = server(f.servers().get(i), i + 1);
            if (!names.add(d.name())) {
                throw new IllegalArgumentException("MCP server " + (i + 1) + ": the name '" + d.name()
                        + "' is used twice");
            }
            servers.add(d);
        }
        return new ToolSettings(workspace.isEmpty() ? null : workspace, hosts, servers, max, approval);
    }

    private static McpServerDecl server(ServerFields s, int n) {
        String where = "MCP server " + n;
        String name = s.name().strip();
        if (name.isEmpty() || name.indexOf('/') >= 0 || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(where + ": give it a name without spaces or '/' (nodes name its "
                    + "tools name/tool)");
        }
        where = "MCP server '" + name + "'";
        String command = s.command().strip();
        String url = s.url().strip();
        if (command.isEmpty() == url.isEmpty()) {
            throw new IllegalArgumentException(where + ": give either a command (stdio) or a URL (Streamable HTTP)");
        }
        List<String> env = new ArrayList<>();
        for (String v : Arrays.stream(s.env().split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList()) {
            env.add(variable(v, where + ", environment"));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h : Arrays.stream(s.headers().split(",")).map(String::strip).filter(x -> !x.isEmpty())
                .toList()) {
            int eq = h.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(where + ", headers: '" + h + "' is not Header=VARIABLE");
            }
            headers.put(h.substring(0, eq).strip(), variable(h.substring(eq + 1).strip(), where + ", header "
                    + h.substring(0, eq).strip()));
        }
        if (!url.isEmpty() && !env.isEmpty()) {
            throw new IllegalArgumentException(where + ": environment variables are for a command (stdio) server");
        }
        if (!command.isEmpty() && !headers.isEmpty()) {
            throw new IllegalArgumentException(where + ": headers are for a URL (Streamable HTTP) server");
        }
        return new McpServerDecl(name, command.isEmpty() ? null : command, lines(s.args()), env,
                url.isEmpty() ? null : url, headers);
    }

    /** A variable's name, never its value: something that does not look like a name is refused. */
    private static String variable(String v, String where) {
        if (!VARIABLE.matcher(v).matches()) {
            throw new IllegalArgumentException(where + ": write the NAME of a variable (e.g. GH_TOKEN), not its "
                    + "value; values come from the environment or ~/.baton/credentials");
        }
        return v;
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
