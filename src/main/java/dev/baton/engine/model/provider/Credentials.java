package dev.baton.engine.model.provider;

import dev.baton.flow.ModelRef;
import dev.baton.secret.Redactor;
import dev.baton.secret.SafeText;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * API keys for the model providers, from environment variables first, then from {@code <baton home>/credentials}
 * ({@code KEY=value} lines). The file is refused when others could read it (mode wider than 600).
 */
public final class Credentials {

    /** File name inside the Baton home directory. */
    public static final String FILE_NAME = "credentials";

    private static final Set<PosixFilePermission> ALLOWED_FILE_PERMISSIONS =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final Function<String, String> environment;
    private final Path file;
    private final Redactor redactor;

    /** What the credentials file gave: its keys, or why it was not read. */
    private record FileContent(Map<String, String> values, String refusal) {
    }

    /**
     * @param environment environment lookup (System::getenv in production; a map in tests)
     * @param batonHome   Baton's home directory, holding the credentials file
     */
    public Credentials(Function<String, String> environment, Path batonHome) {
        this(environment, batonHome, Redactor.shapesOnly());
    }

    /** As above; every key handed out is also remembered by {@code redactor} (the program's one instance). */
    public Credentials(Function<String, String> environment, Path batonHome, Redactor redactor) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.file = Objects.requireNonNull(batonHome, "batonHome").resolve(FILE_NAME);
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    /**
     * The values of every provider key present in the environment or the credentials file: what the program's
     * {@link Redactor} must know from the start, whatever provider a flow names.
     */
    public List<String> keyValues() {
        List<String> values = new java.util.ArrayList<>();
        for (String provider : ModelRef.PROVIDERS) {
            for (String variable : keyVariables(provider)) {
                String value = nonBlank(environment.apply(variable));
                if (value != null) {
                    values.add(value);
                }
            }
        }
        fileContent().values().values().stream().map(Credentials::nonBlank).filter(Objects::nonNull)
                .forEach(values::add);
        return values;
    }

    /** Credentials from the process environment and the real Baton home ({@code baton.home} or {@code ~/.baton}). */
    public static Credentials fromSystem() {
        return new Credentials(System::getenv, batonHome());
    }

    /** Baton's home directory: system property {@code baton.home} when set, else {@code ~/.baton}. */
    public static Path batonHome() {
        String configured = System.getProperty("baton.home");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".baton");
    }

    /** The environment variables that may hold a provider's key, preferred first; empty when it needs none. */
    public static List<String> keyVariables(String provider) {
        return switch (provider) {
            case ModelRef.OPENAI -> List.of("OPENAI_API_KEY");
            case ModelRef.ANTHROPIC -> List.of("ANTHROPIC_API_KEY");
            case ModelRef.GEMINI -> List.of("GEMINI_API_KEY", "GOOGLE_API_KEY");
            case ModelRef.OPENAI_COMPATIBLE -> List.of("OPENAI_COMPATIBLE_API_KEY");
            default -> List.of();
        };
    }

    /** True when calls to this provider cannot work without a key (local servers usually need none). */
    public static boolean keyRequired(String provider) {
        return switch (provider) {
            case ModelRef.OPENAI, ModelRef.ANTHROPIC, ModelRef.GEMINI -> true;
            default -> false;
        };
    }

    /**
     * The provider's key, or null when none is configured. Every key handed out is remembered by this
     * credentials' {@link Redactor} so that it never leaks into messages.
     */
    public String apiKey(String provider) {
        for (String variable : keyVariables(provider)) {
            String value = nonBlank(environment.apply(variable));
            if (value == null) {
                value = nonBlank(fileContent().values().get(variable));
            }
            if (value != null) {
                redactor.remember(value);
                return value;
            }
        }
        return null;
    }

    /**
     * Any named value (an MCP server's variable or header token): the environment first, then the credentials file;
     * null when neither has it. Remembered by this credentials' {@link Redactor} like a key.
     */
    public String value(String variable) {
        String value = nonBlank(environment.apply(variable));
        if (value == null) {
            value = nonBlank(fileContent().values().get(variable));
        }
        if (value != null) {
            redactor.remember(value);
        }
        return value;
    }

    /**
     * What is missing before this model can be called, as a sentence for the user, or null when nothing is.
     * Unknown providers and an openai-compatible model without base URL are reported too.
     */
    public String missingCredentials(ModelRef ref) {
        String provider = ref.provider();
        if (ref.isSimulated() || ModelRef.OLLAMA.equals(provider)) {
            return null;
        }
        if (!ModelRef.PROVIDERS.contains(provider)) {
            return "model '" + ref.label() + "' names an unknown provider '" + provider + "' (known: "
                    + String.join(", ", ModelRef.PROVIDERS.stream().sorted().toList()) + ")";
        }
        if (ModelRef.OPENAI_COMPATIBLE.equals(provider) && (ref.baseUrl() == null || ref.baseUrl().isBlank())) {
            return "model '" + ref.label() + "' needs a baseUrl: the server's OpenAI-compatible endpoint, "
                    + "e.g. http://localhost:1234/v1";
        }
        if (!keyRequired(provider) || apiKey(provider) != null) {
            return null;
        }
        List<String> variables = keyVariables(provider);
        String preferred = variables.get(0);
        String alternatives = variables.size() > 1
                ? " (or " + String.join(", ", variables.subList(1, variables.size())) + ")" : "";
        String message = "model '" + ref.label() + "' needs an API key: set " + preferred + alternatives
                + " or add " + preferred + "=... to " + displayPath() + " (mode 600)";
        String refusal = fileContent().refusal();
        return refusal == null ? message : message + "; " + refusal;
    }

    /**
     * Where the provider's key comes from, for the Models & keys dialog: the variable, "environment" or the file's
     * display path, and the key masked (its last four characters at most); empty when no key is set.
     */
    public java.util.Optional<KeyStatus> keyStatus(String provider) {
        for (String variable : keyVariables(provider)) {
            String value = nonBlank(environment.apply(variable));
            String source = "environment";
            if (value == null) {
                value = nonBlank(fileContent().values().get(variable));
                source = displayPath();
            }
            if (value != null) {
                return java.util.Optional.of(new KeyStatus(variable, source, mask(value)));
            }
        }
        return java.util.Optional.empty();
    }

    /** A set key as the user may see it: which variable, from where, and never more than its last four characters. */
    public record KeyStatus(String variable, String source, String masked) { }

    /** "…abcd" for a long key, "…" alone for a short one: never the whole key. */
    static String mask(String key) {
        return key.length() >= 12 ? "…" + key.substring(key.length() - 4) : "…";
    }

    /** Why the credentials file cannot be used (e.g. readable by others), or null when it can. */
    public String fileProblem() {
        return fileContent().refusal();
    }

    /** The credentials file (it may not exist yet). */
    public Path file() {
        return file;
    }

    /** The credentials file as shown to the user ("~/.baton/credentials" under the home directory). */
    public String displayPath() {
        Path userHome = Path.of(System.getProperty("user.home")).toAbsolutePath();
        Path absolute = file.toAbsolutePath();
        if (absolute.startsWith(userHome)) {
            return "~/" + userHome.relativize(absolute).toString().replace('\\', '/');
        }
        return absolute.toString();
    }

    /** Read on every lookup (the file is tiny) so that a chmod or an added key takes effect without a restart. */
    private FileContent fileContent() {
        return readFile();
    }

    private FileContent readFile() {
        if (!Files.isRegularFile(file)) {
            return new FileContent(Map.of(), null);
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!ALLOWED_FILE_PERMISSIONS.containsAll(permissions)) {
                return new FileContent(Map.of(), "Baton refuses to read " + displayPath()
                        + " because other users can read it (mode " + octal(permissions) + "): run chmod 600 "
                        + displayPath());
            }
        } catch (UnsupportedOperationException notPosix) {
            // Windows and other non-POSIX file systems: the user profile's ACLs protect the file instead.
        } catch (IOException e) {
            return new FileContent(Map.of(), "cannot check " + displayPath() + ": " + e.getMessage());
        }
        try {
            return new FileContent(parse(Files.readAllLines(file, StandardCharsets.UTF_8)), null);
        } catch (IOException e) {
            return new FileContent(Map.of(), "cannot read " + displayPath() + ": " + SafeText.reason(e));
        }
    }

    /** KEY=value lines; blank lines and '#' comments skipped, an "export " prefix and quotes tolerated. */
    static Map<String, String> parse(List<String> lines) {
        Map<String, String> values = new HashMap<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String key = line.substring(0, equals).strip();
            String value = unquote(line.substring(equals + 1).strip());
            values.put(key, value);
        }
        return values;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static String octal(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            // PosixFilePermission is declared owner-read first, others-execute last: bit 8 down to bit 0.
            mode |= 1 << (8 - permission.ordinal());
        }
        return String.format("%03o", mode);
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
