package dev.baton.tool.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.flow.BuiltInToolNames;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolDescriptor;
import dev.baton.tool.ToolException;
import dev.baton.tool.ToolRisk;
import dev.baton.tool.ToolSchemas;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code list_files} and {@code search_files}: walk the workspace without following symbolic links (a link is listed
 * as one, never entered), so that neither reveals what lies outside.
 */
public final class FolderTools {

    /** Most entries one listing returns. */
    public static final int MAX_ENTRIES = 500;
    /** Most matching lines one search returns. */
    public static final int MAX_MATCHES = 200;
    /** Files larger than this are not searched. */
    public static final long MAX_SEARCHED_FILE_BYTES = 1024 * 1024;

    private FolderTools() {
    }

    /** Both tools over one workspace. */
    public static List<Tool> of(Workspace workspace) {
        return List.of(new ListFiles(workspace), new SearchFiles(workspace));
    }

    private static Path folder(Workspace workspace, JsonNode args) throws ToolException {
        String rel = args.has("path") ? args.get("path").asText() : "";
        Path folder = workspace.existing(rel);
        if (!Files.isDirectory(folder)) {
            throw new ToolException("'" + rel + "' is not a folder");
        }
        return folder;
    }

    /** Lists a folder, or its whole tree. */
    static final class ListFiles implements Tool {
        private final Workspace workspace;

        ListFiles(Workspace workspace) {
            this.workspace = workspace;
        }

        @Override
        public ToolDescriptor descriptor() {
            return ToolDescriptor.builtIn(BuiltInToolNames.LIST_FILES,
                    "Lists the files and folders of a workspace folder (default: the workspace itself), one per "
                            + "line, folders ending in '/', with sizes; at most " + MAX_ENTRIES + " entries.",
                    ToolSchemas.object()
                            .optional("path", ToolSchemas.string("folder relative to the workspace"))
                            .optional("recursive", ToolSchemas.bool("list sub-folders too"))
                            .build(),
                    ToolRisk.READ_ONLY);
        }

        @Override
        public String call(JsonNode args) throws Exception {
            Path folder = folder(workspace, args);
            boolean recursive = args.has("recursive") && args.get("recursive").asBoolean();
            List<String> lines = new ArrayList<>();
            int total = 0;
            // Files.walk does not follow links unless told to
            try (Stream<Path> s = recursive ? Files.walk(folder) : Files.list(folder)) {
                for (Path p : (Iterable<Path>) s.filter(p -> !p.equals(folder)).sorted()::iterator) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new ToolException("cancelled");
                    }
                    total++;
                    if (lines.size() < MAX_ENTRIES) {
                        lines.add(describe(p));
                    }
                }
            }
            if (lines.isEmpty()) {
                return "(empty folder)";
            }
            String out = String.join("\n", lines);
            return total > lines.size() ? out + "\n[" + (total - lines.size()) + " more entries not shown]" : out;
        }

        private String describe(Path p) throws IOException {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            String rel = workspace.root().relativize(p.toAbsolutePath()).toString().replace('\\', '/');
            if (a.isSymbolicLink()) {
                return rel + " (link)";
            }
            return a.isDirectory() ? rel + "/" : rel + " (" + a.size() + " bytes)";
        }
    }

    /** Finds lines holding a piece of text. */
    static final class SearchFiles implements Tool {
        private final Workspace workspace;

        SearchFiles(Workspace workspace) {
            this.workspace = workspace;
        }

        @Override
        public ToolDescriptor descriptor() {
            return ToolDescriptor.builtIn(BuiltInToolNames.SEARCH_FILES,
                    "Finds the lines of the workspace's text files that contain a piece of text (not a pattern). "
                            + "Returns 'path:line: text', at most " + MAX_MATCHES + " lines; files over "
                            + MAX_SEARCHED_FILE_BYTES / 1024 + " KiB are skipped.",
                    ToolSchemas.object()
                            .required("query", ToolSchemas.string("the text to look for"))
                            .optional("path", ToolSchemas.string("folder to search in, relative to the workspace"))
                            .optional("caseSensitive", ToolSchemas.bool("match case exactly (default false)"))
                            .build(),
                    ToolRisk.READ_ONLY);
        }

        @Override
        public String call(JsonNode args) throws Exception {
            String query = args.get("query").asText();
            if (query.isEmpty()) {
                throw new ToolException("the query is empty");
            }
            boolean exact = args.has("caseSensitive") && args.get("caseSensitive").asBoolean();
            String needle = exact ? query : query.toLowerCase(Locale.ROOT);
            Path folder = folder(workspace, args);
            List<String> hits = new ArrayList<>();
            int more = 0;
            try (Stream<Path> s = Files.walk(folder)) {
                for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new ToolException("cancelled");
                    }
                    if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                            || Files.size(p) > MAX_SEARCHED_FILE_BYTES) {
                        continue;
                    }
                    more += search(p, needle, exact, hits);
                }
            }
            if (hits.isEmpty()) {
                return "no line contains '" + query + "'";
            }
            String out = String.join("\n", hits);
            return more > 0 ? out + "\n[" + more + " more matching lines not shown]" : out;
        }

        /** Adds matches to hits up to the cap; returns how many more matched past it. */
        private int search(Path file, String needle, boolean exact, List<String> hits) {
            String rel = workspace.relative(file.toAbsolutePath());
            int more = 0;
            var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
            try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
                String line;
                int n = 0;
                while ((line = r.readLine()) != null) {
                    n++;
                    String hay = exact ? line : line.toLowerCase(Locale.ROOT);
                    if (hay.contains(needle)) {
                        if (hits.size() < MAX_MATCHES) {
                            hits.add(rel + ":" + n + ": " + (line.length() > 300 ? line.substring(0, 300) + "…" : line));
                        } else {
                            more++;
                        }
                    }
                }
            } catch (CharacterCodingException e) {
                return more; // a binary file: not text, not searched
            } catch (IOException e) {
                return more; // unreadable: skipped, like grep -s
            }
            return more;
        }
    }
}
