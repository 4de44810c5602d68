package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.engine.model.provider.ChatModelFactory;
import dev.baton.engine.model.provider.Credentials;
import dev.baton.flow.FlowValidator;
import dev.baton.flow.io.FlowJson;
import dev.baton.flow.io.FlowLoadException;
import dev.baton.flow.io.FlowMutants;
import dev.baton.flow.io.HostileMutants;
import dev.baton.flow.io.LoadedFlow;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs seeded mutants of the sample flows that still validate, through the real {@code run} command in this JVM on the
 * simulated model, each within a bounded time: a valid flow must never print a stack trace, never fail with an
 * internal error, never exit 0 without an answer and a whole events file, and never run away with time or memory.
 */
@Tag("slow")
class FlowMutantRunTest {

    private static final int VARIANTS_PER_MUTATOR_PER_SAMPLE = 20;
    /** Wall time one mutant may take; a sample runs in well under a second on the simulated model, a busy CI in more. */
    private static final Duration PER_RUN = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void everyValidMutantRunsToAnEndWithoutAStackTraceOrAFalseSuccess() throws Exception {
        // a sample with MCP servers would start one (npx, the npm registry) for every mutant: McpSampleTest runs it
        // against the installed server instead; its file is still mutated by the load-level mutant tests
        List<String> samples = FlowMutants.sampleTexts().stream().filter(t -> !t.contains("\"mcpServers\"")).toList();
        Map<String, BiFunction<String, Random, String>> mutators = new LinkedHashMap<>(HostileMutants.hostileMutators());
        Map<String, BiFunction<String, Random, String>> corruptions = FlowMutants.mutators();
        for (String keep : List.of("delete-field", "wrong-type", "duplicate-edge", "rewire-edge", "duplicate-node")) {
            mutators.put(keep, corruptions.get(keep));
        }
        List<String> failures = new ArrayList<>();
        int ran = 0;
        int succeeded = 0;
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mutant-run");
            t.setDaemon(true);
            return t;
        });
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        try {
            for (int s = 0; s < samples.size(); s++) {
                for (Map.Entry<String, BiFunction<String, Random, String>> m : mutators.entrySet()) {
                    for (int i = 0; i < VARIANTS_PER_MUTATOR_PER_SAMPLE; i++) {
                        long seed = 20261207L + s * 1_000_003L + m.getKey().hashCode() * 31L + i;
                        String variant = m.getValue().apply(samples.get(s), new Random(seed));
                        if (!validates(variant)) {
                            continue;
                        }
                        ran++;
                        String label = "sample " + s + ", mutator " + m.getKey() + ", seed " + seed;
                        // every third run is recorded in one real audit database, as a user's runs would be
                        Path audit = ran % 3 == 0 ? dir.resolve("audit") : null;
                        Outcome o = runMutant(pool, variant, seed, audit, stdout, stderr);
                        String problem = o.problem();
                        if (problem != null) {
                            failures.add(label + ": " + problem);
                        }
                        if (o.code == RunCommand.OK) {
                            succeeded++;
                        }
                    }
                }
            }
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
            pool.shutdownNow();
        }
        System.out.printf("FlowMutantRunTest: %d valid mutants run, %d succeeded, %d misbehaved%n", ran, succeeded,
                failures.size());
        assertThat(failures).as("mutants that misbehaved, of %d run", ran).isEmpty();
        assertThat(ran).as("valid mutants run").isGreaterThanOrEqualTo(200);
        assertThat(succeeded).as("mutants that succeeded").isPositive();
    }

    private static boolean validates(String variant) {
        try {
            LoadedFlow loaded = FlowJson.read(escapeLoneSurrogates(variant));
            return FlowValidator.isValid(loaded.flow());
        } catch (FlowLoadException e) {
            return false;
        }
    }

    /** What one run printed and returned. */
    record Outcome(int code, String out, String err, String console, List<String> events, String crash) {

        /** Why this outcome is wrong, or null. */
        String problem() {
            if (crash != null) {
                return crash;
            }
            String all = err + "\n" + console;
            if (all.contains("\tat ") || all.contains("Exception in thread")) {
                return "stack trace (exit " + code + "): " + abbreviate(all);
            }
            if (all.contains("internal error")) {
                return "internal error (exit " + code + "): " + abbreviate(all);
            }
            if (code < 0 || code > 3) {
                return "exit code " + code + ": " + abbreviate(all);
            }
            if (code == RunCommand.OK) {
                if (out.isBlank()) {
                    return "exit 0 without an answer: " + abbreviate(all);
                }
                if (events.isEmpty() || !events.get(events.size() - 1).contains("\"type\":\"RunFinished\"")) {
                    return "exit 0 but the events file does not end with RunFinished (" + events.size()
                            + " lines): " + abbreviate(all);
                }
                if (all.contains("warning: listener")) {
                    return "exit 0 although a listener failed: " + abbreviate(all);
                }
            }
            return null;
        }
    }

    private Outcome runMutant(ExecutorService pool, String variant, long seed, Path audit, PrintStream stdout,
                              PrintStream stderr) throws IOException, InterruptedException {
        Path file = dir.resolve("mutant-" + seed + ".json");
        Files.writeString(file, escapeLoneSurrogates(variant), StandardCharsets.UTF_8);
        Path events = dir.resolve("events-" + seed + ".jsonl");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        Integer code = null;
        String crash = null;
        try {
            Future<Integer> f = pool.submit(() -> {
                RunCommand command = new RunCommand(p -> dev.baton.flow.io.FlowFiles.load(p).flow(),
                        new BufferedReader(new StringReader("")),
                        new ChatModelFactory(new Credentials(name -> null, dir.resolve("home")), Duration.ofSeconds(2)));
                CommandLine cl = new CommandLine(command);
                cl.setOut(new PrintWriter(out, true));
                cl.setErr(new PrintWriter(err, true));
                List<String> args = new ArrayList<>(List.of(file.toString(), "--input",
                        "Plan a product launch in Japan for a SaaS tool", "--no-input", "--events", events.toString(),
                        "--seed", Long.toString(seed)));
                args.addAll(audit == null ? List.of("--no-audit") : List.of("--audit", audit.toString()));
                return cl.execute(args.toArray(String[]::new));
            });
            try {
                code = f.get(PER_RUN.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                f.cancel(true);
                crash = "did not end within " + PER_RUN.toSeconds() + " s";
            } catch (java.util.concurrent.ExecutionException e) {
                crash = "the command threw " + e.getCause();
            }
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        List<String> lines = Files.exists(events) ? readLines(events) : List.of();
        Files.deleteIfExists(events);
        Files.deleteIfExists(file);
        return new Outcome(code == null ? -1 : code, out.toString(), err.toString(),
                console.toString(StandardCharsets.UTF_8), lines, crash);
    }

    private static List<String> readLines(Path events) throws IOException {
        List<String> lines = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(events, StandardCharsets.ISO_8859_1)) {
            lines.add(line);
            try {
                JsonNode node = json.readTree(line);
                if (node == null || !node.has("type")) {
                    lines.add("(not an event)");
                }
            } catch (IOException e) {
                lines.add("(not JSON)");
            }
        }
        return lines;
    }

    /** A lone surrogate (only ever inside a JSON string here) as the \\uXXXX escape a file can hold. */
    static String escapeLoneSurrogates(String json) {
        StringBuilder b = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < json.length()
                    && Character.isLowSurrogate(json.charAt(i + 1));
            if (paired) {
                b.append(c).append(json.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        return t.length() <= 1_500 ? t : t.substring(0, 1_500) + "… (" + t.length() + " chars)";
    }
}
