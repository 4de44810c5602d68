package dev.baton.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where a CrewAI crew's files are: its agents.yaml and tasks.yaml, and the Python module that builds the crew. */
final class CrewFolders {

    /** Python files larger than this are not read for a crew's settings (a crew module is a few kilobytes). */
    private static final long MAX_MODULE_BYTES = 1L << 20;

    private CrewFolders() {
    }

    /** The files of one crew. */
    record Located(Path agents, Path tasks, Path crewPy, Path flowModule) {
    }

    static Located locate(Path source) throws ImportException {
        Path dir = Files.isDirectory(source) ? source : source.getParent();
        if (!Files.isDirectory(source)) {
            String name = source.getFileName().toString();
            if (!name.equals("agents.yaml") && !name.equals("tasks.yaml") && !name.equals("agents.yml")
                    && !name.equals("tasks.yml")) {
                throw new ImportException("a CrewAI crew is a folder with agents.yaml and tasks.yaml");
            }
        }
        if (dir == null) {
            throw new ImportException("a CrewAI crew is a folder with agents.yaml and tasks.yaml");
        }
        Path config = find(dir);
        if (config == null) {
            throw new ImportException(codeOnly(dir) ? "a crew built in Python code only (Agent(…) and Task(…) in"
                    + " .py files, no agents.yaml and tasks.yaml) under " + dir + "; Baton imports the YAML form"
                    + " ('crewai create crew' makes it)" : "no agents.yaml with tasks.yaml beside it under " + dir);
        }
        Path agents = yamlIn(config, "agents");
        Path tasks = yamlIn(config, "tasks");
        return new Located(agents, tasks, crewModule(crewFolder(config)), flowModule(dir, config));
    }

    private static Path yamlIn(Path dir, String base) {
        Path yaml = dir.resolve(base + ".yaml");
        return Files.isRegularFile(yaml) ? yaml : dir.resolve(base + ".yml");
    }

    /**
     * The folder holding both files: the folder itself, its config/, or the one such folder below (depth 6: a CrewAI
     * project keeps them in src/PACKAGE/config, a CrewAI Flow in src/PACKAGE/crews/CREW/config). Several crews
     * below (a Flow) are refused with their folders, one to choose, rather than one of them taken silently.
     */
    private static Path find(Path dir) throws ImportException {
        if (holds(dir)) {
            return dir;
        }
        if (holds(dir.resolve("config"))) {
            return dir.resolve("config");
        }
        List<Path> found;
        try (Stream<Path> walk = Files.walk(dir, 6)) {
            found = walk.filter(Files::isDirectory)
                    .filter(p -> p.toString().chars().noneMatch(c -> c == '\0'))
                    .filter(p -> !p.toString().contains(".venv") && !p.toString().contains("node_modules"))
                    .filter(CrewFolders::holds).sorted().limit(21).toList();
        } catch (IOException | RuntimeException e) {
            throw new ImportException(dir + ": cannot be listed (" + e.getClass().getSimpleName() + ")");
        }
        if (found.size() > 1) {
            List<String> crews = found.stream().limit(20).map(p -> crewFolder(p).toString()).toList();
            throw new ImportException(found.size() + (found.size() > 20 ? " or more" : "") + " CrewAI crews under "
                    + dir + " (" + String.join(", ", crews) + "); import one of them, e.g. baton import "
                    + crews.get(0));
        }
        return found.isEmpty() ? null : found.get(0);
    }

    /** The crew's own folder: the one holding config/, or the folder itself. */
    private static Path crewFolder(Path config) {
        Path name = config.getFileName();
        return name != null && name.toString().equals("config") && config.getParent() != null
                ? config.getParent() : config;
    }

    private static boolean holds(Path dir) {
        return Files.isRegularFile(yamlIn(dir, "agents")) && Files.isRegularFile(yamlIn(dir, "tasks"));
    }


    /**
     * The module that builds the crew: crew.py beside config/, else the one .py file there that says
     * {@code @CrewBase} or {@code Crew(} (a CrewAI Flow names it after the crew: {@code poem_crew.py}); null if none.
     */
    private static Path crewModule(Path folder) {
        Path crew = folder.resolve("crew.py");
        if (Files.isRegularFile(crew)) {
            return crew;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".py")).sorted()
                    .filter(p -> says(p, "@CrewBase") || says(p, "Crew(")).findFirst().orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The module of a CrewAI Flow ({@code @start}, {@code @listen}) when the crew was found below the folder given,
     * inside a Flow project: the crew is imported, the Flow's own steps are not. Null otherwise.
     */
    private static Path flowModule(Path dir, Path config) {
        if (config.startsWith(dir) && config.getNameCount() - dir.getNameCount() <= 1) {
            return null;
        }
        try (Stream<Path> files = Files.walk(dir, 4)) {
            return files.filter(p -> p.getFileName() != null && p.getFileName().toString().endsWith(".py"))
                    .filter(p -> !p.toString().contains(".venv") && !p.startsWith(crewFolder(config))).sorted()
                    .filter(p -> says(p, "@start(") && says(p, "@listen(")).findFirst().orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** True when a folder (or its src/) holds Python that builds agents and tasks but no YAML crew was found. */
    private static boolean codeOnly(Path dir) {
        try (Stream<Path> files = Files.walk(dir, 4)) {
            List<Path> py = files.filter(p -> p.getFileName() != null && p.getFileName().toString().endsWith(".py"))
                    .filter(p -> !p.toString().contains(".venv")).limit(200).toList();
            return py.stream().anyMatch(p -> says(p, "Agent(")) && py.stream().anyMatch(p -> says(p, "Task("));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean says(Path file, String text) {
        try {
            return Files.isRegularFile(file) && Files.size(file) <= MAX_MODULE_BYTES
                    && Files.readString(file).contains(text);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
