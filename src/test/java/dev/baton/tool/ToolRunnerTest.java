package dev.baton.tool;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.flow.ApprovalPolicy;
import dev.baton.secret.PlantedKeys;
import dev.baton.secret.Redactor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ToolRunnerTest {

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** A tool with a nested, enum-bearing schema whose body the test gives. */
    private static Tool tool(String name, Function<JsonNode, String> body) {
        return new Tool() {
            @Override
            public ToolDescriptor descriptor() {
                var address = ToolSchemas.object().required("city", ToolSchemas.string("city"))
                        .optional("zip", ToolSchemas.integer("zip", 0, 99999)).build();
                return ToolDescriptor.builtIn(name, "test tool", ToolSchemas.object()
                        .required("unit", ToolSchemas.enumeration("unit", "metric", "imperial"))
                        .optional("address", address)
                        .build(), ToolRisk.READ_ONLY);
            }

            @Override
            public String call(JsonNode arguments) {
                return body.apply(arguments);
            }
        };
    }

    private ToolRunner runner(Duration timeout, int cap, Redactor redactor, Tool... tools) {
        ToolRegistry r = new ToolRegistry();
        for (Tool t : tools) {
            r.register(t);
        }
        return new ToolRunner(r, redactor, pool, timeout, cap);
    }

    @Test
    void validArgumentsReachTheToolAndItsTextComesBack() {
        ToolRunner runner = runner(Duration.ofSeconds(5), 1000, Redactor.shapesOnly(),
                tool("weather", a -> "sunny in " + a.at("/address/city").asText()));
        ToolResult r = runner.call("weather", "{\"unit\":\"metric\",\"address\":{\"city\":\"Lyon\",\"zip\":69001}}");
        assertThat(r.error()).as(r.content()).isFalse();
        assertThat(r.content()).isEqualTo("sunny in Lyon");
        assertThat(r.bytes()).isEqualTo("sunny in Lyon".length());
        assertThat(r.truncated()).isFalse();
    }

    @Test
    void argumentsAgainstTheSchemaAreAnErrorResultAndTheToolIsNotCalled() {
        int[] calls = {0};
        ToolRunner runner = runner(Duration.ofSeconds(5), 1000, Redactor.shapesOnly(),
                tool("weather", a -> "called " + ++calls[0]));
        ToolResult badEnum = runner.call("weather", "{\"unit\":\"kelvin\"}");
        ToolResult missing = runner.call("weather", "{}");
        ToolResult nested = runner.call("weather", "{\"unit\":\"metric\",\"address\":{\"zip\":\"x\"}}");
        ToolResult extra = runner.call("weather", "{\"unit\":\"metric\",\"sneaky\":1}");
        ToolResult notJson = runner.call("weather", "{unit: metric");
        ToolResult array = runner.call("weather", "[1]");
        for (ToolResult r : new ToolResult[]{badEnum, missing, nested, extra, notJson, array}) {
            assertThat(r.error()).as(r.content()).isTrue();
        }
        assertThat(badEnum.content()).startsWith("invalid arguments:").contains("unit");
        assertThat(missing.content()).contains("unit");
        assertThat(nested.content()).contains("city").contains("zip");
        assertThat(extra.content()).contains("sneaky");
        assertThat(notJson.content()).startsWith("the arguments are not valid JSON");
        assertThat(calls[0]).isZero();
    }

    @Test
    void anUnknownToolIsAnErrorResultNamingTheAvailableOnes() {
        ToolRunner runner = runner(Duration.ofSeconds(5), 1000, Redactor.shapesOnly(), tool("weather", a -> ""));
        ToolResult r = runner.call("wether", "{}");
        assertThat(r.error()).isTrue();
        assertThat(r.content()).contains("'wether'").contains("weather");
    }

    @Test
    void aToolThatHangsGivesAnErrorResultAtItsTimeoutAndIsInterrupted() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        ToolRunner runner = runner(Duration.ofMillis(300), 1000, Redactor.shapesOnly(), tool("hang", a -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return "late";
        }));
        long t0 = System.nanoTime();
        ToolResult r = runner.call("hang", "{\"unit\":\"metric\"}");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.error()).isTrue();
        assertThat(r.content()).contains("did not finish within 300 ms");
        assertThat(ms).isBetween(250L, 5_000L);
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("the hanging call was interrupted").isTrue();
    }

    @Test
    void aToolsOwnTimeoutWinsOverTheRunnersDefault() {
        Tool slow = new Tool() {
            @Override
            public ToolDescriptor descriptor() {
                return ToolDescriptor.builtIn("slow", "", null, ToolRisk.READ_ONLY);
            }

            @Override
            public String call(JsonNode arguments) throws Exception {
                Thread.sleep(10_000);
                return "late";
            }

            @Override
            public Optional<Duration> timeout() {
                return Optional.of(Duration.ofMillis(200));
            }
        };
        ToolResult r = runner(Duration.ofSeconds(30), 1000, Redactor.shapesOnly(), slow).call("slow", "");
        assertThat(r.error()).isTrue();
        assertThat(r.content()).contains("200 ms");
        assertThat(r.duration()).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aThrowingToolIsAnErrorResultWithItsMessage() {
        Tool failing = new Tool() {
            @Override
            public ToolDescriptor descriptor() {
                return ToolDescriptor.builtIn("failing", "", null, ToolRisk.READ_ONLY);
            }

            @Override
            public String call(JsonNode arguments) throws Exception {
                throw new ToolException("the file is gone");
            }
        };
        Tool crashing = new Tool() {
            @Override
            public ToolDescriptor descriptor() {
                return ToolDescriptor.builtIn("crashing", "", null, ToolRisk.READ_ONLY);
            }

            @Override
            public String call(JsonNode arguments) {
                throw new IllegalStateException("boom");
            }
        };
        ToolRunner runner = runner(Duration.ofSeconds(5), 1000, Redactor.shapesOnly(), failing, crashing);
        assertThat(runner.call("failing", "{}")).satisfies(r -> {
            assertThat(r.error()).isTrue();
            assertThat(r.content()).isEqualTo("the file is gone");
        });
        assertThat(runner.call("crashing", "{}").content()).isEqualTo("IllegalStateException: boom");
    }

    @Test
    void aLongResultIsCappedAndSaysSo() {
        String big = "x".repeat(10_000);
        ToolResult r = runner(Duration.ofSeconds(5), 1000, Redactor.shapesOnly(), tool("big", a -> big))
                .call("big", "{\"unit\":\"metric\"}");
        assertThat(r.error()).isFalse();
        assertThat(r.truncated()).isTrue();
        assertThat(r.bytes()).isEqualTo(10_000);
        assertThat(r.content()).startsWith("x".repeat(1000) + "\n[truncated: 9000 more characters");
        assertThat(r.content().length()).isLessThan(1100);
    }

    @Test
    void anApiKeyInAToolResultOrErrorIsRedactedAtTheToolBoundary() {
        String planted = PlantedKeys.ALL.stream().map(PlantedKeys.Planted::text)
                .collect(java.util.stream.Collectors.joining("\n"));
        Redactor redactor = new Redactor(java.util.List.of(PlantedKeys.KNOWN_VALUE));
        ToolRunner runner = runner(Duration.ofSeconds(5), 100_000, redactor,
                tool("leaky", a -> "the .env file says:\n" + planted + "\nKEY=" + PlantedKeys.KNOWN_VALUE),
                new Tool() {
                    @Override
                    public ToolDescriptor descriptor() {
                        return ToolDescriptor.builtIn("leaky_error", "", null, ToolRisk.READ_ONLY);
                    }

                    @Override
                    public String call(JsonNode arguments) throws Exception {
                        throw new ToolException("auth failed for key " + PlantedKeys.KNOWN_VALUE + " "
                                + PlantedKeys.ALL.get(0).text());
                    }
                });
        ToolResult ok = runner.call("leaky", "{\"unit\":\"metric\"}");
        assertThat(ok.error()).isFalse();
        for (PlantedKeys.Planted p : PlantedKeys.ALL) {
            assertThat(ok.content()).as(p.shape()).doesNotContain(p.secret());
        }
        assertThat(ok.content()).doesNotContain(PlantedKeys.KNOWN_VALUE).contains(Redactor.REDACTED);
        ToolResult err = runner.call("leaky_error", "{}");
        assertThat(err.error()).isTrue();
        assertThat(err.content()).doesNotContain(PlantedKeys.KNOWN_VALUE)
                .doesNotContain(PlantedKeys.ALL.get(0).secret()).contains(Redactor.REDACTED);
    }

    @Test
    void registryRefusesBadAndDuplicateNames() {
        ToolRegistry r = new ToolRegistry().register(tool("a_tool", a -> ""));
        assertThatThrownBy(() -> r.register(tool("a_tool", a -> ""))).hasMessageContaining("already registered");
        assertThatThrownBy(() -> r.register(tool("has space", a -> ""))).hasMessageContaining("not valid");
        assertThat(r.names()).containsExactly("a_tool");
    }

    @Test
    void riskDecidesTheDefaultPolicy() {
        assertThat(ToolRisk.READ_ONLY.defaultPolicy()).isEqualTo(ApprovalPolicy.AUTO);
        assertThat(ToolRisk.WRITES.defaultPolicy()).isEqualTo(ApprovalPolicy.ASK);
        assertThat(ToolRisk.DESTRUCTIVE.defaultPolicy()).isEqualTo(ApprovalPolicy.ASK);
    }

    @Test
    void plainArithmeticRunsOnTheCallersThreadAndAnythingElseUnderTheTimeLimit() throws Exception {
        ToolRegistry registry = dev.baton.tool.builtin.BuiltInTools.registerAll(new ToolRegistry(),
                dev.baton.tool.builtin.BuiltInTools.Settings.defaults(null, java.util.List.of()));
        Tool calc = registry.find("calculator").orElseThrow();
        assertThat(calc.quick(ToolSchemas.MAPPER.readTree("{\"expression\":\"(1250000 * 0.035) / 12\"}"))).isTrue();
        assertThat(calc.quick(ToolSchemas.MAPPER.readTree("{\"expression\":\"FACT(100000)\"}"))).isFalse();
        assertThat(calc.quick(ToolSchemas.MAPPER.readTree("{\"expression\":\"SQRT(2)\"}"))).isFalse();
        // the clock too: a read and a format, no hand-off to a tool thread for it
        Tool clock = registry.find("current_time").orElseThrow();
        assertThat(clock.quick(ToolSchemas.MAPPER.readTree("{\"timezone\":\"Asia/Tokyo\"}"))).isTrue();
        assertThat(clock.quick(ToolSchemas.MAPPER.readTree("{}"))).isTrue();
        assertThat(clock.quick(ToolSchemas.MAPPER.readTree("{\"timezone\":\"" + "x".repeat(65) + "\"}"))).isFalse();

        Thread caller = Thread.currentThread();
        Thread[] ranOn = new Thread[2];
        registry.register(new Tool() {
            @Override
            public ToolDescriptor descriptor() {
                return ToolDescriptor.builtIn("probe", "records its thread", ToolSchemas.object()
                        .required("quick", ToolSchemas.string("yes or no")).build(), ToolRisk.READ_ONLY);
            }

            @Override
            public boolean quick(JsonNode arguments) {
                return arguments.get("quick").asText().equals("yes");
            }

            @Override
            public String call(JsonNode arguments) {
                ranOn[arguments.get("quick").asText().equals("yes") ? 0 : 1] = Thread.currentThread();
                return "ok";
            }
        });
        try (ToolRunner r = new ToolRunner(registry, Redactor.shapesOnly())) {
            assertThat(r.call("probe", "{\"quick\":\"yes\"}").content()).isEqualTo("ok");
            assertThat(r.call("probe", "{\"quick\":\"no\"}").content()).isEqualTo("ok");
            assertThat(r.call("calculator", "{\"expression\":\"17 * 3\"}").content()).isEqualTo("51");
        }
        assertThat(ranOn[0]).isSameAs(caller);
        assertThat(ranOn[1]).isNotNull().isNotSameAs(caller);
    }

    @Test
    void resultBytesAreTheUtf8SizeWithoutEncodingTheText() {
        String[] texts = {"", "plain ascii", "café", "€ 12", "😀 emoji", "lone \ud800 high", "lone \udc00 low",
                "end high \ud83d", "mixed é€😀\ud800x"};
        for (String t : texts) {
            assertThat(ToolRunner.utf8Length(t)).as(t).isEqualTo(t.getBytes(StandardCharsets.UTF_8).length);
        }
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 2000; i++) {
            char[] chars = new char[random.nextInt(12)];
            for (int k = 0; k < chars.length; k++) {
                chars[k] = (char) random.nextInt(random.nextBoolean() ? 0x800 : 0x10000);
            }
            String t = new String(chars);
            assertThat(ToolRunner.utf8Length(t)).as(t).isEqualTo(t.getBytes(StandardCharsets.UTF_8).length);
        }
        ToolRunner runner = runner(Duration.ofSeconds(5), 1000, Redactor.shapesOnly(), tool("utf8", a -> "é€😀"));
        assertThat(runner.call("utf8", "{\"unit\":\"metric\"}").bytes()).isEqualTo(9);
    }

    @Test
    void twoToolsOfOneNameInTwoRunnersAreEachCheckedAgainstTheirOwnSchema() {
        Tool strict = new Tool() {
            @Override
            public ToolDescriptor descriptor() {
                return ToolDescriptor.builtIn("probe", "needs n", ToolSchemas.object()
                        .required("n", ToolSchemas.integer("n", 0, 9)).build(), ToolRisk.READ_ONLY);
            }

            @Override
            public String call(JsonNode arguments) {
                return "strict " + arguments.get("n").asInt();
            }
        };
        Tool loose = tool("probe", a -> "loose " + a.get("unit").asText());
        ToolRunner first = runner(Duration.ofSeconds(5), 1000, Redactor.shapesOnly(), strict);
        ToolRunner second = runner(Duration.ofSeconds(5), 1000, Redactor.shapesOnly(), loose);
        assertThat(first.call("probe", "{\"n\":3}").content()).isEqualTo("strict 3");
        assertThat(second.call("probe", "{\"unit\":\"metric\"}").content()).isEqualTo("loose metric");
        assertThat(second.call("probe", "{\"n\":3}").content()).startsWith("invalid arguments:");
        assertThat(first.call("probe", "{\"unit\":\"metric\"}").content()).startsWith("invalid arguments:");
    }
}
