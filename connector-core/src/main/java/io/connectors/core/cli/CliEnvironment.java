package io.connectors.core.cli;

import io.connectors.core.protocol.ControlIndices;
import java.io.Console;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * What the CLI takes from the process it runs in: the environment ({@code ${VAR}} in config.yml), whether it runs on
 * a terminal (a progress bar, or plain lines for a log), and the control indices (Elastic's by default; tests use
 * their own).
 */
public record CliEnvironment(Map<String, String> variables, boolean terminal, ControlIndices indices) {

    public CliEnvironment {
        variables = Map.copyOf(variables);
    }

    /** The real process: its environment variables, its console, Elastic's control indices. */
    public static CliEnvironment system() {
        return new CliEnvironment(System.getenv(), isTerminal(), ControlIndices.DEFAULT);
    }

    /**
     * Whether a person watches: {@code System.console()} is not null from JDK 22 on even when output is redirected,
     * so its {@code isTerminal()} (JDK 22+) is asked when it exists.
     */
    private static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException onJdk21) {
            return true;
        }
    }
}
