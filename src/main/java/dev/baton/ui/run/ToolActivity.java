package dev.baton.ui.run;

/**
 * What a card shows of its node's tool calls: the latest call (running, or just finished with its status) and how
 * many of the node's calls are still under way (a reply may ask for several at once).
 */
public record ToolActivity(ToolCallRecord latest, int inFlight) {

    /** True while some call of the node runs. */
    public boolean busy() {
        return inFlight > 0;
    }

    /** The card's text: "read_file", "read_file +2" while several run; "read_file · ok" once done. */
    public String text() {
        if (busy()) {
            return latest.open() ? latest.label() + (inFlight > 1 ? " +" + (inFlight - 1) : "")
                    : inFlight + " tool calls";
        }
        return latest.label() + " · " + latest.status().word();
    }
}
