package dev.baton.tool.builtin;

import dev.baton.tool.Tool;
import dev.baton.tool.ToolRegistry;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds Baton's built-in tools for one run: file tools only with a workspace, http tools only with an allow-list. */
public final class BuiltInTools {

    /**
     * The settings the built-ins depend on.
     *
     * @param workspace     the folder of the file tools, or null for none
     * @param allowList     hosts of the http tools; empty means no http tool
     * @param maxReadBytes  cap of one read_file
     * @param maxWriteBytes cap of one write_file
     * @param maxBodyBytes  cap of one response body
     * @param httpTimeout   time for one request
     * @param clock         the clock of current_time
     */
    public record Settings(Workspace workspace, HostAllowList allowList, int maxReadBytes, int maxWriteBytes,
                           int maxBodyBytes, Duration httpTimeout, Clock clock) {

        /** Default limits over a workspace (may be null) and an allow-list. */
        public static Settings defaults(Workspace workspace, List<String> allowHosts) {
            return new Settings(workspace, new HostAllowList(allowHosts), FileTools.DEFAULT_MAX_READ_BYTES,
                    FileTools.DEFAULT_MAX_WRITE_BYTES, HttpTools.DEFAULT_MAX_BODY_BYTES, HttpTools.DEFAULT_TIMEOUT,
                    Clock.systemDefaultZone());
        }
    }

    private BuiltInTools() {
    }

    /** The tools these settings allow, in the order of {@link dev.baton.flow.BuiltInToolNames#ALL}. */
    public static List<Tool> create(Settings s) {
        List<Tool> tools = new ArrayList<>();
        if (s.workspace() != null) {
            List<Tool> files = FileTools.of(s.workspace(), s.maxReadBytes(), s.maxWriteBytes());
            List<Tool> folders = FolderTools.of(s.workspace());
            tools.add(files.get(0));
            tools.addAll(folders);
            tools.add(files.get(1));
        }
        if (s.allowList() != null && !s.allowList().entries().isEmpty()) {
            tools.addAll(HttpTools.of(s.allowList(), s.maxBodyBytes(), s.httpTimeout()));
        }
        tools.add(new SimpleTools.Calculator());
        tools.add(new SimpleTools.CurrentTime(s.clock()));
        tools.add(new SimpleTools.AskHuman());
        return tools;
    }

    /**
     * What every built-in tool is (name, description, parameters, risk), in the order of
     * {@link dev.baton.flow.BuiltInToolNames#ALL}, for a tool picker: built over the temporary folder and a placeholder
     * host only so that each tool exists; nothing is called.
     */
    public static List<dev.baton.tool.ToolDescriptor> descriptors() {
        Workspace any;
        try {
            any = new Workspace(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no temporary folder: " + e.getMessage(), e);
        }
        return create(Settings.defaults(any, List.of("example.invalid"))).stream().map(Tool::descriptor).toList();
    }

    /** Registers {@link #create} into a registry. */
    public static ToolRegistry registerAll(ToolRegistry registry, Settings s) {
        create(s).forEach(registry::register);
        return registry;
    }
}
