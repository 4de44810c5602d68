package dev.baton.flow.io;

import dev.baton.engine.SampleFlows;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Flow;

import java.nio.file.Path;

/**
 * A child JVM for {@code FlowFilesStaleTempTest}: saves a large flow to the path in args[0] over and over (printing
 * "saved N" after each) until it is killed, so that a kill lands in the middle of a save.
 */
public final class SaveLoopChild {

    private SaveLoopChild() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Flow flow = SampleFlows.blogChain();
        // a few hundred kilobytes: the write and its fsync take long enough for kills to land inside them
        String padding = "A paragraph of instructions that makes the file large. ".repeat(4_000);
        for (int i = 0; i < 6; i++) {
            flow = flow.addNode(AgentNode.of("pad-" + i, dev.baton.flow.NodeKind.AGENT, "Pad " + i)
                    .withInstructions(padding));
        }
        for (long n = 1; ; n++) {
            FlowFiles.save(file, flow);
            System.out.println("saved " + n);
            System.out.flush();
        }
    }
}
