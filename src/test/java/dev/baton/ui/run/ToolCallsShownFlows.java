package dev.baton.ui.run;

import dev.baton.flow.Flow;

/** The flows of the tool-call tests, for tests of other packages. */
public final class ToolCallsShownFlows {

    private ToolCallsShownFlows() {
    }

    /** Input → an analyst with calculator and read_file → output. */
    public static Flow analyst() {
        return ToolCallsShownTest.analystFlow();
    }
}
