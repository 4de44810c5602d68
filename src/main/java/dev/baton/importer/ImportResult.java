package dev.baton.importer;

import dev.baton.flow.Flow;
import dev.baton.flow.FlowValidator;
import dev.baton.flow.Problem;

import java.util.List;

/**
 * What an import produced: the flow (never saved by the importer), the notes on what did not carry over, and the
 * validator's verdict on the flow.
 *
 * @param format   "crewai", "autogen" or "flowise"
 * @param flow     the imported flow
 * @param notes    every element that did not map one to one, in source order
 * @param problems what {@link FlowValidator} says about the flow
 */
public record ImportResult(String format, Flow flow, List<ImportNote> notes, List<Problem> problems) {

    public ImportResult {
        notes = List.copyOf(notes);
        problems = List.copyOf(problems);
    }

    static ImportResult of(String format, Flow flow, List<ImportNote> notes) {
        return new ImportResult(format, flow, notes, FlowValidator.validate(flow));
    }

    /** True when the flow has no ERROR problem. */
    public boolean valid() {
        return problems.stream().noneMatch(Problem::isError);
    }
}
