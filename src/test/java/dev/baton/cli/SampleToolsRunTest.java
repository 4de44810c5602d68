package dev.baton.cli;

import dev.baton.engine.model.provider.ChatModelFactory;
import dev.baton.engine.model.provider.Credentials;
import dev.baton.flow.io.FlowFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The samples use tools offline on the simulated model: the support swarm's billing agent reads the invoices in
 * sample-flows/data/support through read_file, the market researcher sizes the market with the calculator.
 */
class SampleToolsRunTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String sample, String input) {
        RunCommand command = new RunCommand(f -> FlowFiles.load(f).flow(), new BufferedReader(new StringReader("")),
                new ChatModelFactory(new Credentials(name -> null, dir.resolve("home")), Duration.ofSeconds(5)));
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(Path.of("sample-flows", sample).toString(), "--input", input, "--provider", "simulated",
                "--no-input", "--no-audit", "--events", dir.resolve("events.jsonl").toString());
    }

    @Test
    void theSupportSwarmsBillingAgentReadsTheCustomersInvoices() throws Exception {
        int code = run("swarm-customer-support.json",
                "I was charged twice for my subscription this month and want a refund");

        assertThat(code).as(err.toString()).isEqualTo(RunCommand.OK);
        assertThat(err.toString()).contains("tool billing -> read_file {\"path\":\"invoices.csv\"}")
                .contains("tool read_file ok").contains("INV-2388")
                .contains("handoff billing -> refunds");
        assertThat(Files.readString(dir.resolve("events.jsonl"))).contains("\"type\":\"ToolCallFinished\"")
                .contains("INV-2389");
    }

    @Test
    void theMarketResearcherSizesTheMarketWithTheCalculator() throws Exception {
        int code = run("supervisor-market-entry-japan.json",
                "We sell a B2B invoicing SaaS in Germany and France, budget EUR 2M; should we enter Japan?");

        assertThat(code).as(err.toString()).isEqualTo(RunCommand.OK);
        assertThat(err.toString())
                .contains("tool market-researcher -> calculator {\"expression\":\"1700000 * 0.06 * 240000\"}")
                .contains("tool calculator ok").contains("24480000000");
    }
}
