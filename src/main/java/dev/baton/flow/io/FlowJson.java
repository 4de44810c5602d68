package dev.baton.flow.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.flow.Flow;
import dev.baton.flow.io.Dtos.FlowDto;

import java.io.IOException;
import java.util.List;

/** Reads and writes the {@code baton.flow/1} JSON format (canonical writing, located errors, no secrets). */
public final class FlowJson {

    /** The format marker every flow file starts with. */
    public static final String FORMAT = "baton.flow/1";

    /** Classpath location of the JSON Schema (draft 2020-12) of this format, for editors and external tools. */
    public static final String SCHEMA_RESOURCE = "/dev/baton/flow/io/baton-flow-1.schema.json";

    /** Every format this version reads. */
    public static final List<String> SUPPORTED_FORMATS = List.of(FORMAT);

    /** Where a problem of the document as a whole is reported: its start. */
    static final String WHOLE_DOCUMENT = "1:1 /";

    private static final ObjectReader DTO_READER = CanonicalJson.MAPPER.readerFor(FlowDto.class);

    private FlowJson() {
    }

    /** Parses and maps a flow document. Never throws anything but {@link FlowLoadException} for bad input. */
    public static LoadedFlow read(String json) throws FlowLoadException {
        if (json == null) {
            throw new FlowLoadException(WHOLE_DOCUMENT, "no document given");
        }
        try {
            // order matters: syntax and secrets first (a key must be refused as a key, not as an unknown field),
            // then the format marker (a foreign file gets "not a flow", not a list of unknown fields), then binding
            LocatingReader.Result parsed = LocatingReader.read(json);
            ObjectNode root = parsed.root();
            SourceMap sourceMap = parsed.sourceMap();
            checkFormat(root, sourceMap);
            FlowDto dto;
            try {
                dto = DTO_READER.readValue(root);
            } catch (JacksonException e) {
                throw MappingErrors.translate(e, root, sourceMap);
            } catch (IOException e) {
                throw new FlowLoadException(WHOLE_DOCUMENT, "could not read the flow: "
                        + Messages.quote(e.getMessage()));
            }
            return new LoadedFlow(FlowMapping.toModel(dto, sourceMap), sourceMap);
        } catch (RuntimeException e) {
            // a bug of ours must still reach the user as a load error, not as a crash of the caller
            throw new FlowLoadException(WHOLE_DOCUMENT, "could not read the flow: internal error ("
                    + Messages.quote(e.getMessage()) + ")");
        }
    }

    /** Canonical text of a flow: stable key order, authored node/edge order, two-space indent, final newline. */
    public static String write(Flow flow) {
        return CanonicalJson.pretty(FlowMapping.toDto(flow));
    }

    private static void checkFormat(ObjectNode root, SourceMap sourceMap) throws FlowLoadException {
        String supported = "supported formats: " + String.join(", ", SUPPORTED_FORMATS);
        JsonNode format = root.get("format");
        if (format == null) {
            throw new FlowLoadException(sourceMap.describe(""), "missing \"format\": \"" + FORMAT
                    + "\"; this does not look like a Baton flow file (" + supported + ")");
        }
        if (!format.isTextual()) {
            throw new FlowLoadException(sourceMap.describe("/format"), "expected the format marker as a string, found "
                    + MappingErrors.describeNode(format) + " (" + supported + ")");
        }
        String value = format.asText();
        if (SUPPORTED_FORMATS.contains(value)) {
            return;
        }
        String reason = value.startsWith("baton.flow/")
                ? "format '" + Messages.quote(value) + "' was written by another version of Baton; " + supported
                : "unsupported format '" + Messages.quote(value) + "'; " + supported;
        throw new FlowLoadException(sourceMap.describe("/format"), reason);
    }
}
