package dev.baton.tool.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.flow.BuiltInToolNames;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolDescriptor;
import dev.baton.tool.ToolException;
import dev.baton.tool.ToolRisk;
import dev.baton.tool.ToolSchemas;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** {@code read_file} and {@code write_file}: text files inside the workspace, with size limits both ways. */
public final class FileTools {

    /** Largest read, in bytes, unless the tools are built with another. */
    public static final int DEFAULT_MAX_READ_BYTES = 256 * 1024;
    /** Largest write, in bytes. */
    public static final int DEFAULT_MAX_WRITE_BYTES = 1024 * 1024;

    private FileTools() {
    }

    /** Both tools over one workspace. */
    public static List<Tool> of(Workspace workspace, int maxReadBytes, int maxWriteBytes) {
        return List.of(new ReadFile(workspace, maxReadBytes), new WriteFile(workspace, maxWriteBytes));
    }

    /** Reads a text file, from an offset, up to the size limit. */
    static final class ReadFile implements Tool {
        private final Workspace workspace;
        private final int maxBytes;

        ReadFile(Workspace workspace, int maxBytes) {
            this.workspace = workspace;
            this.maxBytes = maxBytes;
        }

        @Override
        public ToolDescriptor descriptor() {
            return ToolDescriptor.builtIn(BuiltInToolNames.READ_FILE,
                    "Reads a UTF-8 text file of the workspace folder (path relative to it, '/' separators). Returns "
                            + "at most " + maxBytes + " bytes; for a longer file give an offset to read on.",
                    ToolSchemas.object()
                            .required("path", ToolSchemas.string("file path relative to the workspace"))
                            .optional("offset", ToolSchemas.integer("byte offset to start at", 0, Long.MAX_VALUE))
                            .build(),
                    ToolRisk.READ_ONLY);
        }

        @Override
        public String call(JsonNode args) throws Exception {
            String rel = args.get("path").asText();
            Path file = workspace.existing(rel);
            if (!Files.isRegularFile(file)) {
                throw new ToolException("'" + rel + "' is not a file");
            }
            long size = Files.size(file);
            long offset = args.has("offset") ? args.get("offset").asLong() : 0;
            if (offset > size) {
                throw new ToolException("offset " + offset + " is past the end of '" + rel + "' (" + size + " bytes)");
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                in.skipNBytes(offset);
                bytes = in.readNBytes(maxBytes);
            }
            String text = decode(bytes, rel);
            long end = offset + bytes.length;
            return end < size
                    ? text + "\n[the file has " + (size - end) + " more bytes; read on with offset " + end + "]"
                    : text;
        }

        private static String decode(byte[] bytes, String rel) throws ToolException {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                // a cut in the middle of a character at the size limit is fine; a binary file is not
                for (int cut = 1; cut <= 3 && cut < bytes.length; cut++) {
                    try {
                        return StandardCharsets.UTF_8.newDecoder().decode(
                                ByteBuffer.wrap(bytes, 0, bytes.length - cut)).toString();
                    } catch (CharacterCodingException ignored) {
                        // try a shorter cut
                    }
                }
                throw new ToolException("'" + rel + "' is not a UTF-8 text file");
            }
        }
    }

    /** Writes (or appends to) a text file, creating its folders, never through a symbolic link. */
    static final class WriteFile implements Tool {
        private final Workspace workspace;
        private final int maxBytes;

        WriteFile(Workspace workspace, int maxBytes) {
            this.workspace = workspace;
            this.maxBytes = maxBytes;
        }

        @Override
        public ToolDescriptor descriptor() {
            return ToolDescriptor.builtIn(BuiltInToolNames.WRITE_FILE,
                    "Writes a UTF-8 text file in the workspace folder (path relative to it), creating folders as "
                            + "needed; replaces the file unless append is true. At most " + maxBytes + " bytes.",
                    ToolSchemas.object()
                            .required("path", ToolSchemas.string("file path relative to the workspace"))
                            .required("content", ToolSchemas.string("the text to write"))
                            .optional("append", ToolSchemas.bool("add to the end instead of replacing"))
                            .build(),
                    ToolRisk.WRITES);
        }

        @Override
        public String call(JsonNode args) throws Exception {
            String rel = args.get("path").asText();
            byte[] bytes = args.get("content").asText().getBytes(StandardCharsets.UTF_8);
            if (bytes.length > maxBytes) {
                throw new ToolException("the content is " + bytes.length + " bytes; at most " + maxBytes
                        + " may be written at once");
            }
            Path file = workspace.writable(rel);
            if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new ToolException("'" + rel + "' is a folder");
            }
            createFolders(file.getParent(), rel);
            boolean append = args.has("append") && args.get("append").asBoolean();
            // NOFOLLOW_LINKS: a link put in place after the check is not written through
            try {
                Files.write(file, bytes, StandardOpenOption.CREATE, LinkOption.NOFOLLOW_LINKS,
                        append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
            } catch (UnsupportedOperationException e) {
                Files.write(file, bytes, StandardOpenOption.CREATE,
                        append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
            }
            return (append ? "appended " : "wrote ") + bytes.length + " bytes to " + workspace.relative(file);
        }

        private void createFolders(Path folder, String rel) throws IOException, ToolException {
            if (folder == null || Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                if (folder != null && !folder.toRealPath().startsWith(workspace.root())) {
                    throw new ToolException("'" + rel + "' leads outside the workspace");
                }
                return;
            }
            Files.createDirectories(folder);
            if (!folder.toRealPath().startsWith(workspace.root())) {
                throw new ToolException("'" + rel + "' leads outside the workspace");
            }
        }
    }
}
