package dev.baton.tool.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.flow.Flow;
import dev.baton.flow.McpServerDecl;
import dev.baton.secret.PrivateFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which flows' stdio MCP servers the user allowed to start. A flow file names programs ({@code command} + {@code args})
 * that Baton starts on the user's machine, so a flow someone sent is not run on opening it: the designer asks once,
 * and the answer is kept per (flow file, exact command lines and folders) in {@code <baton home>/trusted-mcp-servers
 * .json}, owner-only. Only digests are kept (the command lines may hold a token); a changed command line, or the same
 * ones in another file, is another digest, so it is asked about again. A flow with no file is remembered for this
 * session only. A file that cannot be read counts as no approval: the question is asked again, never skipped.
 */
public final class ServerTrust {

    /** The store's file name under Baton's home. */
    public static final String FILE_NAME = "trusted-mcp-servers.json";
    private static final String FORMAT = "baton.trusted-mcp-servers/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One program a flow starts.
     *
     * @param server      the server's name in the flow
     * @param commandLine the command and its arguments, exactly as the flow gives them
     * @param folder      where it starts (the flow file's folder), or null when the flow has no file
     */
    public record Command(String server, List<String> commandLine, Path folder) {

        public Command {
            commandLine = List.copyOf(commandLine);
        }

        /** The command line as a shell would read it: arguments with blanks or quotes are quoted. */
        public String shown() {
            return ServerTrust.shown(commandLine);
        }
    }

    private final Path file;
    private final Set<String> session = new HashSet<>();

    /** @param home Baton's home folder; the store is a file in it */
    public ServerTrust(Path home) {
        this.file = home.resolve(FILE_NAME);
    }

    /** The store's file. */
    public Path file() {
        return file;
    }

    /** The programs {@code flow}'s stdio servers start, in declaration order; folder from {@code flowFile}. */
    public static List<Command> commands(Flow flow, Path flowFile) {
        Path folder = flowFile == null ? null : flowFile.toAbsolutePath().normalize().getParent();
        List<Command> commands = new ArrayList<>();
        for (McpServerDecl decl : flow.tools().mcpServers()) {
            if (decl.isStdio()) {
                List<String> line = new ArrayList<>();
                line.add(decl.command());
                line.addAll(decl.args());
                commands.add(new Command(decl.name(), line, folder));
            }
        }
        return commands;
    }

    /** True when these exact commands of this flow file were approved before (or there is none to approve). */
    public synchronized boolean approved(Path flowFile, List<Command> commands) {
        if (commands.isEmpty()) {
            return true;
        }
        String digest = digest(flowFile, commands);
        return session.contains(digest) || flowFile != null && read().contains(digest);
    }

    /**
     * Remembers the user's approval of these commands of this flow file: in the store when the flow has a file, else
     * for this session. A store that cannot be written keeps the approval for the session and says why.
     *
     * @return empty, or one line saying why the approval could not be kept beyond this session
     */
    public synchronized java.util.Optional<String> approve(Path flowFile, List<Command> commands) {
        String digest = digest(flowFile, commands);
        session.add(digest);
        if (flowFile == null) {
            return java.util.Optional.empty();
        }
        Set<String> all = new LinkedHashSet<>(read());
        if (!all.add(digest)) {
            return java.util.Optional.empty();
        }
        try {
            write(all);
            return java.util.Optional.empty();
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.of("the approval is kept for this session only: " + file + " could not be "
                    + "written (" + e.getMessage() + ")");
        }
    }

    private Set<String> read() {
        if (!Files.isRegularFile(file)) {
            return Set.of();
        }
        try {
            JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            Set<String> digests = new LinkedHashSet<>();
            if (root != null && FORMAT.equals(root.path("format").asText())) {
                root.path("approved").forEach(d -> digests.add(d.asText("")));
            }
            return digests;
        } catch (IOException | RuntimeException unreadable) {
            return Set.of(); // asked again: a damaged store never counts as an approval
        }
    }

    private void write(Set<String> digests) throws IOException {
        Files.createDirectories(file.getParent());
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        ArrayNode list = root.putArray("approved");
        digests.forEach(list::add);
        PrivateFiles.replace(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    }

    private static String digest(Path flowFile, List<Command> commands) {
        StringBuilder key = new StringBuilder(flowFile == null ? "" : flowFile.toAbsolutePath().normalize()
                .toString());
        for (Command c : commands) {
            // NUL cannot occur in a path or an argument: the parts of one key cannot be confused with another's
            key.append('\u0000').append(c.server()).append('\u0000').append(c.folder());
            c.commandLine().forEach(part -> key.append('\u0000').append('\u0001').append(part));
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** A command line as a shell would read it: a part with blanks, quotes or nothing in it is single-quoted. */
    public static String shown(List<String> commandLine) {
        List<String> parts = new ArrayList<>();
        for (String part : commandLine) {
            parts.add(part.isEmpty() || !part.matches("[A-Za-z0-9_@%+=:,./~-]+")
                    ? "'" + part.replace("'", "'\\''") + "'" : part);
        }
        return String.join(" ", parts);
    }
}
