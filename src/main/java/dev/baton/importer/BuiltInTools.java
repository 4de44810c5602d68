package dev.baton.importer;

import dev.baton.flow.BuiltInToolNames;

import java.util.List;
import java.util.Set;

/** Which of a source's tools an imported node gets as Baton's built-ins, and what the report says of the others. */
final class BuiltInTools {

    /**
     * Baton's built-in tools an imported agent gets by name: those a flow can offer without a workspace or an http
     * allow-list (the others would leave the imported flow invalid until they are set).
     */
    static final Set<String> OFFERED = Set.of(BuiltInToolNames.CALCULATOR, BuiltInToolNames.CURRENT_TIME,
            BuiltInToolNames.ASK_HUMAN);

    /**
     * A tool of a source, which calls it {@code theirs}: offered as Baton's built-in {@code ours}
     * (added to {@code offered} once) when that needs no set-up, else reported; {@code aside} ends both report lines.
     */
    static void carry(FlowDraft d, String at, String theirs, String ours, List<String> offered, String aside) {
        carry(d, d.file, at, theirs, ours, offered, aside);
    }

    /** As {@link #carry(FlowDraft, String, String, String, List, String)}, for a tool named in another file. */
    static void carry(FlowDraft d, String file, String at, String theirs, String ours, List<String> offered,
                      String aside) {
        if (OFFERED.contains(ours)) {
            if (!offered.contains(ours)) {
                offered.add(ours);
            }
            d.note(file, at, "the tool '" + theirs + "'", "offered as Baton's built-in '" + ours + "', with Baton's"
                    + " parameters" + aside);
        } else {
            d.note(file, at, "the tool '" + theirs + "'", notCarried(ours) + aside);
        }
    }

    /** Why a source's tool did not become a tool of the imported node. */
    static String notCarried(String tool) {
        return BuiltInToolNames.isBuiltIn(tool)
                ? "not carried over: Baton's built-in '" + tool + "' needs the flow's workspace or http allow-list;"
                + " add it in the inspector's tool picker once they are set"
                : "not carried over: Baton has no tool of that name";
    }

    private BuiltInTools() {
    }
}
