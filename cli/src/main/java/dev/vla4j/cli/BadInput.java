package dev.vla4j.cli;

import picocli.CommandLine.Model.CommandSpec;

/** Input the user must fix: one line naming the command and the problem, and picocli's usage exit code. */
final class BadInput {
    /** The exit code, the same that picocli returns for options it cannot parse. */
    static final int EXIT = 2;

    private BadInput() {
    }

    /** Prints {@code "vla4j sim record: message"} to the command's error stream and returns {@link #EXIT}. */
    static int report(CommandSpec spec, String message) {
        spec.commandLine().getErr().println(spec.qualifiedName() + ": " + message);
        spec.commandLine().getErr().flush();
        return EXIT;
    }
}
