package dev.baton.ui.run;

import dev.baton.flow.NodeKind;
import dev.baton.engine.RunEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The run console keeps one growing line per streaming node, even when parallel workers interleave their chunks. */
class RunViewModelConsoleTest {

    private long seq;

    private RunEvent.AgentStarted started(String node) {
        return new RunEvent.AgentStarted("r", ++seq, Instant.EPOCH, node, "", NodeKind.AGENT, node, "input", 1);
    }

    private RunEvent.TokenChunk chunk(String node, String text) {
        return new RunEvent.TokenChunk("r", ++seq, Instant.EPOCH, node, "", text);
    }

    @Test
    void interleavedStreamsEachUpdateTheirOwnLine() throws Exception {
        RunViewModel vm = new RunViewModel(LiveRuns.sample("supervisor-market-entry-japan.json"));
        vm.apply(started("market-researcher"));
        vm.apply(started("legal-analyst"));
        vm.apply(chunk("market-researcher", "Market size "));
        vm.apply(chunk("legal-analyst", "APPI applies "));
        vm.apply(chunk("market-researcher", "is large"));
        vm.apply(chunk("legal-analyst", "to invoices"));

        assertThat(vm.console().filtered(l -> l.startsWith("~ "))).containsExactly(
                "~ market-researcher: Market size is large",
                "~ legal-analyst: APPI applies to invoices");
    }

    @Test
    void aNewActivationStartsANewStreamLine() throws Exception {
        RunViewModel vm = new RunViewModel(LiveRuns.sample("chain-blog-article.json"));
        vm.apply(started("editor"));
        vm.apply(chunk("editor", "first draft"));
        vm.apply(started("editor"));
        vm.apply(chunk("editor", "second draft"));

        assertThat(vm.console().filtered(l -> l.startsWith("~ "))).containsExactly(
                "~ editor: first draft", "~ editor: second draft");
    }
}
