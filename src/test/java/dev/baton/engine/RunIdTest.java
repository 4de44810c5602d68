package dev.baton.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RunIdTest {

    @Test
    void runIdsAreVersion7UuidsThatSortByTime() {
        long t = 1_795_000_000_000L; // 2026-11
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add(FlowRunner.newRunId(t + i));
        }
        for (String id : ids) {
            assertThat(id).startsWith("run-");
            UUID u = UUID.fromString(id.substring(4));
            assertThat(u.version()).isEqualTo(7);
            assertThat(u.variant()).isEqualTo(2);
            assertThat(u.getMostSignificantBits() >>> 16).isEqualTo(t + ids.indexOf(id));
        }
        assertThat(ids).isSorted(); // one millisecond apart: later ids sort after earlier ones, as strings
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
        // same millisecond: still distinct (random bits)
        assertThat(FlowRunner.newRunId(t)).isNotEqualTo(FlowRunner.newRunId(t));
    }
}
