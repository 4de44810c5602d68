package dev.baton.flow;

import java.util.List;
import java.util.Set;

/**
 * The names of the tools Baton ships, so that the validator can refuse a name no tool answers to without knowing the
 * tools themselves (they live above the flow model). A node tool of an MCP server is written {@code server/tool}.
 */
public final class BuiltInToolNames {

    public static final String READ_FILE = "read_file";
    public static final String LIST_FILES = "list_files";
    public static final String SEARCH_FILES = "search_files";
    public static final String WRITE_FILE = "write_file";
    public static final String HTTP_GET = "http_get";
    public static final String HTTP_REQUEST = "http_request";
    public static final String CALCULATOR = "calculator";
    public static final String CURRENT_TIME = "current_time";
    public static final String ASK_HUMAN = "ask_human";

    /** Every built-in tool, in the order the tool picker lists them. */
    public static final List<String> ALL = List.of(READ_FILE, LIST_FILES, SEARCH_FILES, WRITE_FILE, HTTP_GET,
            HTTP_REQUEST, CALCULATOR, CURRENT_TIME, ASK_HUMAN);

    /** The tools that need the workspace folder. */
    public static final Set<String> FILE_TOOLS = Set.of(READ_FILE, LIST_FILES, SEARCH_FILES, WRITE_FILE);

    /** The tools that need an http allow-list. */
    public static final Set<String> HTTP_TOOLS = Set.of(HTTP_GET, HTTP_REQUEST);

    /** The separator between an MCP server's name and its tool's name in a node's tool list. */
    public static final char SERVER_SEPARATOR = '/';

    private BuiltInToolNames() {
    }

    /** True for a built-in tool's name. */
    public static boolean isBuiltIn(String name) {
        return ALL.contains(name);
    }
}
