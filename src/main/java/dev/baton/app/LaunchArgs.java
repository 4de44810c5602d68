package dev.baton.app;

import java.nio.file.Path;
import java.util.List;

/**
 * The designer's command line: {@code baton [FILE] [--run INPUT]}. With {@code --run} the flow opens and its run
 * starts at once with INPUT.
 *
 * @param file     the flow to open, or null
 * @param runInput the input to run it with at once, or null
 */
record LaunchArgs(Path file, String runInput) {

    static LaunchArgs parse(List<String> args) {
        Path file = null;
        String input = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--run")) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("--run needs the input text: --run \"INPUT\"");
                }
                input = args.get(++i);
            } else if (a.startsWith("--run=")) {
                input = a.substring("--run=".length());
            } else if (file == null && !a.startsWith("-")) {
                file = Path.of(a);
            }
        }
        if (input != null && file == null) {
            throw new IllegalArgumentException("--run needs a flow file: baton FILE --run \"INPUT\"");
        }
        return new LaunchArgs(file, input);
    }
}
