package dev.baton.cli;

import dev.baton.engine.HumanInputHandler;
import dev.baton.flow.AgentNode;
import dev.baton.flow.Flow;
import dev.baton.flow.NodeKind;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;

/** {@code baton run} asking on stdin: the run's input, and each question a HUMAN node puts to a person. */
final class StdinQuestions implements HumanInputHandler {

    private final BufferedReader in;
    private final PrintWriter err;

    StdinQuestions(BufferedReader in, PrintWriter err) {
        this.in = in;
        this.err = err;
    }

    /** The START node's prompt on stderr, one line read; null (and said) when none was given. */
    String askInput(Flow flow) {
        String prompt = flow.nodesOfKind(NodeKind.START).stream().map(AgentNode::instructions)
                .filter(s -> !s.isBlank()).findFirst().orElse("Input for the flow");
        err.println(prompt);
        err.print("> ");
        err.flush();
        String line = readLine();
        if (line == null || line.isBlank()) {
            err.println("error: no input given");
            return null;
        }
        return line;
    }

    @Override
    public String answer(String requestId, String nodeId, String question, String context) throws IOException {
        // parallel branches may ask at once: one question and its answer at a time on the terminal
        synchronized (in) {
            if (!context.isBlank()) {
                String shown = context.length() > 600 ? context.substring(0, 600) + " …" : context;
                err.println("--- what [" + nodeId + "] received ---\n" + shown + "\n---");
            }
            err.println("? [" + nodeId + "] " + question);
            err.print("> ");
            err.flush();
            String line = readLine();
            if (line == null) {
                throw new IOException("end of input while waiting for an answer");
            }
            return line;
        }
    }

    private String readLine() {
        try {
            return in.readLine();
        } catch (IOException e) {
            return null;
        }
    }
}
