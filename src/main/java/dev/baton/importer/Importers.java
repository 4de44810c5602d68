package dev.baton.importer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The importers Baton has, and the detection of a source's format. */
public final class Importers {

    /** The formats, in detection order. */
    public static final List<String> FORMATS = List.of("crewai", "autogen", "flowise");

    private Importers() {
    }

    /** The importer of a format name, case-insensitive. */
    public static Importer of(String format) throws ImportException {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "crewai" -> new CrewAiImporter();
            case "autogen" -> new AutoGenImporter();
            case "flowise" -> new FlowiseImporter();
            default -> throw new ImportException("unknown format '" + format + "'; use one of " + FORMATS);
        };
    }

    /**
     * The teams of an AutoGen Studio gallery, by label (what {@code team} takes), in the gallery's order; empty for
     * any other source. Lets the designer ask which one to import.
     */
    public static List<String> galleryTeams(Path source) {
        return AutoGenImporter.galleryTeams(source);
    }

    /** Imports a source in the given format, or in the one detected when {@code format} is null. */
    public static ImportResult importFrom(Path source, String format) throws ImportException {
        return importFrom(source, format, null);
    }

    /**
     * As {@link #importFrom(Path, String)}; {@code team} (null: none) picks the team of an AutoGen Studio gallery to
     * import, by label, name or number from 1.
     */
    public static ImportResult importFrom(Path source, String format, String team) throws ImportException {
        if (team != null) {
            if (format != null && !format.equalsIgnoreCase("autogen")) {
                throw new ImportException("--team picks a team of an AutoGen Studio gallery; not for --format " + format);
            }
            AutoGenImporter autogen = new AutoGenImporter(team);
            String why = Files.exists(source) ? autogen.whyNot(source) : null;
            if (why != null) {
                throw new ImportException(source + ": --team picks a team of an AutoGen Studio gallery, and this is"
                        + " not AutoGen: " + why);
            }
            format = "autogen";
            if (!Files.exists(source)) {
                throw new ImportException(source + ": no such file or folder");
            }
            String broken = Sources.jsonError(source);
            if (broken != null) {
                throw new ImportException(broken);
            }
            return autogen.read(source);
        }
        if (!Files.exists(source)) {
            throw new ImportException(source + ": no such file or folder");
        }
        String broken = Sources.jsonError(source);
        if (broken != null) {
            throw new ImportException(broken);
        }
        if (format != null) {
            Importer importer = of(format);
            String why = importer.whyNot(source);
            if (why != null) {
                throw new ImportException(source + " is not a " + format + " source: " + why);
            }
            return importer.read(source);
        }
        List<String> reasons = new ArrayList<>();
        for (String f : FORMATS) {
            Importer importer = of(f);
            String why = importer.whyNot(source);
            if (why == null) {
                return importer.read(source);
            }
            if (importer.recognises(source)) {
                throw new ImportException(source + (why.startsWith("a ") ? " is not imported: " : ": ") + why);
            }
            reasons.add(f + ": " + why);
        }
        com.fasterxml.jackson.databind.JsonNode json = Files.isDirectory(source) ? null : Sources.jsonOrNull(source);
        if (json != null && json.path("format").asText("").startsWith("baton.flow")) {
            // someone picked a Baton flow in the import dialog: say what it is rather than list three formats
            throw new ImportException(source + " is a Baton flow already: open it (File ▸ Open, or baton run "
                    + source.getFileName() + ")");
        }
        throw new ImportException(source + " is not a format Baton imports (" + String.join("; ", reasons) + ")");
    }
}
