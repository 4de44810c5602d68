package dev.baton.flow.io;

import dev.baton.flow.FlowValidator;
import dev.baton.flow.Problem;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Derives thousands of corrupted variants of the sample flows and checks that each one either loads as a flow (which
 * the validator then judges without throwing) or is refused with a located, one-line {@link FlowLoadException} —
 * never any other exception.
 */
@Tag("slow")
class FlowCorruptionTest {

    private static final int VARIANTS_PER_MUTATOR_PER_SAMPLE = 90;

    record Outcome(int loaded, int refused) {
    }

    @Test
    void everyCorruptedVariantLoadsOrFailsWithALocatedError() throws IOException {
        List<String> samples = FlowMutants.sampleTexts();
        assertThat(samples).hasSizeGreaterThanOrEqualTo(4);
        Map<String, BiFunction<String, Random, String>> mutators = FlowMutants.mutators();
        int loaded = 0;
        int refused = 0;
        long seed = 20261125L;
        for (int s = 0; s < samples.size(); s++) {
            String sample = samples.get(s);
            for (Map.Entry<String, BiFunction<String, Random, String>> m : mutators.entrySet()) {
                for (int i = 0; i < VARIANTS_PER_MUTATOR_PER_SAMPLE; i++) {
                    long variantSeed = seed + s * 1_000_003L + m.getKey().hashCode() * 31L + i;
                    String variant = m.getValue().apply(sample, new Random(variantSeed));
                    String label = "sample " + s + ", mutator " + m.getKey() + ", seed " + variantSeed;
                    if (check(variant, label)) {
                        loaded++;
                    } else {
                        refused++;
                    }
                }
            }
        }
        int total = loaded + refused;
        assertThat(total).as("variants tried").isGreaterThanOrEqualTo(5_000);
        // both outcomes must occur, or the mutators are not exercising what they claim
        assertThat(loaded).as("variants that still load").isPositive();
        assertThat(refused).as("variants refused").isPositive();
    }

    /** True when the variant loaded, false when it was refused properly; fails the test on anything else. */
    private static boolean check(String variant, String label) {
        LoadedFlow flow;
        try {
            flow = FlowJson.read(variant);
        } catch (FlowLoadException e) {
            assertThat(e.getMessage()).as(label).isNotBlank().doesNotContain("\n");
            assertThat(e.location()).as("location of '%s' (%s)", e.getMessage(), label).isNotBlank();
            assertThat(e.getMessage()).as(label).doesNotContain("Exception").doesNotContain("at dev.baton");
            return false;
        } catch (Throwable t) {
            fail("unexpected " + t + " for " + label + "\n--- variant ---\n" + abbreviate(variant), t);
            return false;
        }
        try {
            List<Problem> problems = FlowValidator.validate(flow.flow());
            for (Problem p : problems) {
                assertThat(p.message()).as(label).isNotBlank();
                assertThat(flow.sourceMap().describe(p.pointer())).as(label).isNotBlank();
            }
        } catch (Throwable t) {
            fail("validator threw " + t + " for " + label, t);
        }
        return true;
    }

    private static String abbreviate(String s) {
        return s.length() <= 2_000 ? s : s.substring(0, 2_000) + "… (" + s.length() + " chars)";
    }
}
