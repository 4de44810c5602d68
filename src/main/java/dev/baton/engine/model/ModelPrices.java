package dev.baton.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * List prices per million tokens by provider and model: the bundled table, optionally overridden by a user file of the
 * same shape. A model matches its entry exactly or by the longest entry that prefixes its name, so dated snapshots
 * ({@code gpt-4o-mini-2024-07-18}) find their family. Unknown models have no price: callers show "no price", never 0.
 */
public final class ModelPrices {

    /** US dollars per million input and output tokens. */
    public record Price(double inputPerMillion, double outputPerMillion) {

        /** What a call with these token counts costs, in US dollars. */
        public double cost(long inputTokens, long outputTokens) {
            return (inputTokens * inputPerMillion + outputTokens * outputPerMillion) / 1_000_000.0;
        }
    }

    private static final String BUNDLED = "/dev/baton/engine/model/prices.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Map<String, Price>> byProvider;
    private final String asOf;

    private ModelPrices(Map<String, Map<String, Price>> byProvider, String asOf) {
        this.byProvider = byProvider;
        this.asOf = asOf;
    }

    private static volatile ModelPrices standard;

    /**
     * The table runs use: the bundled prices plus {@code prices.json} in Baton's home ({@code baton.home} or
     * {@code ~/.baton}), read once. A malformed user file is reported once on the log and the bundled table is used.
     */
    public static ModelPrices standard() {
        ModelPrices p = standard;
        if (p == null) {
            String configured = System.getProperty("baton.home");
            Path home = configured != null && !configured.isBlank() ? Path.of(configured)
                    : Path.of(System.getProperty("user.home"), ".baton");
            try {
                p = withOverrides(home.resolve("prices.json"));
            } catch (IllegalArgumentException e) {
                System.getLogger(ModelPrices.class.getName()).log(System.Logger.Level.WARNING,
                        e.getMessage() + " (using the bundled prices)");
                p = bundled();
            }
            standard = p;
        }
        return p;
    }

    /** The bundled table only. */
    public static ModelPrices bundled() {
        try (InputStream in = ModelPrices.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("price table missing from the classpath: " + BUNDLED);
            }
            JsonNode root = JSON.readTree(in);
            Map<String, Map<String, Price>> table = new HashMap<>();
            merge(table, root.path("prices"));
            return new ModelPrices(table, root.path("asOf").asText(""));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled price table", e);
        }
    }

    /**
     * The bundled table with the entries of {@code userFile} (when it exists) added or replacing bundled ones.
     *
     * @throws IllegalArgumentException naming the file when it is not a valid price table
     */
    public static ModelPrices withOverrides(Path userFile) {
        ModelPrices base = bundled();
        if (userFile == null || !Files.isRegularFile(userFile)) {
            return base;
        }
        try {
            JsonNode root = JSON.readTree(userFile.toFile());
            Map<String, Map<String, Price>> table = new HashMap<>();
            base.byProvider.forEach((p, m) -> table.put(p, new HashMap<>(m)));
            merge(table, root.path("prices"));
            return new ModelPrices(table, base.asOf + " + " + userFile.getFileName());
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(userFile + ": not a valid price table: " + e.getMessage(), e);
        }
    }

    /** When the bundled prices were taken (e.g. {@code 2025-11}), plus the override file's name when one was read. */
    public String asOf() {
        return asOf;
    }

    /** The price of a provider's model, when known. */
    public Optional<Price> find(String provider, String model) {
        if (provider == null) {
            return Optional.empty();
        }
        Map<String, Price> models = byProvider.get(provider.toLowerCase(Locale.ROOT));
        if (models == null) {
            return Optional.empty();
        }
        String name = model == null ? "" : model.toLowerCase(Locale.ROOT);
        Price exact = models.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        String best = null;
        for (String key : models.keySet()) {
            if (name.startsWith(key) && (best == null || key.length() > best.length())) {
                best = key;
            }
        }
        return Optional.ofNullable(best == null ? null : models.get(best));
    }

    /** The model names the table lists for {@code provider}, sorted (no catch-all entry); empty when none. */
    public java.util.List<String> models(String provider) {
        Map<String, Price> models = provider == null ? null : byProvider.get(provider.toLowerCase(Locale.ROOT));
        return models == null ? java.util.List.of()
                : models.keySet().stream().filter(k -> !k.isEmpty()).sorted().toList();
    }

    /** The cost of one call in US dollars, when the model's price is known. */
    public Optional<Double> cost(String provider, String model, long inputTokens, long outputTokens) {
        return find(provider, model).map(p -> p.cost(inputTokens, outputTokens));
    }

    private static void merge(Map<String, Map<String, Price>> table, JsonNode prices) {
        if (!prices.isObject()) {
            throw new IllegalArgumentException("\"prices\" must be an object of providers");
        }
        for (Map.Entry<String, JsonNode> provider : prices.properties()) {
            Map<String, Price> models = table.computeIfAbsent(provider.getKey().toLowerCase(Locale.ROOT),
                    k -> new HashMap<>());
            if (!provider.getValue().isObject()) {
                throw new IllegalArgumentException(provider.getKey() + ": expected an object of models");
            }
            for (Map.Entry<String, JsonNode> model : provider.getValue().properties()) {
                JsonNode pair = model.getValue();
                if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isNumber() || !pair.get(1).isNumber()
                        || pair.get(0).asDouble() < 0 || pair.get(1).asDouble() < 0) {
                    throw new IllegalArgumentException(provider.getKey() + "/" + model.getKey()
                            + ": expected [inputUsdPerMillion, outputUsdPerMillion]");
                }
                models.put(model.getKey().toLowerCase(Locale.ROOT),
                        new Price(pair.get(0).asDouble(), pair.get(1).asDouble()));
            }
        }
    }
}
