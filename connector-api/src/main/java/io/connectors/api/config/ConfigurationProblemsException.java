package io.connectors.api.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown by {@link ConfigSchema#resolve} when a configuration has problems; carries all of them at
 * once, so a user can fix everything in one round.
 *
 * <p>Unchecked: a bad configuration is a user error the framework reports (on the connector
 * document, in the CLI), not something a source can recover from. The message lists every
 * problem on its own line; it holds no secret values (see {@link ConfigurationProblem}).
 * A source may throw it too, for checks a schema cannot express (e.g. a cross-field rule).
 */
public final class ConfigurationProblemsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<ConfigurationProblem> problems;

    /** @throws IllegalArgumentException if {@code problems} is empty */
    public ConfigurationProblemsException(List<ConfigurationProblem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, in schema order; never empty. */
    public List<ConfigurationProblem> problems() {
        return problems;
    }

    private static String message(List<ConfigurationProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("A ConfigurationProblemsException needs at least one problem");
        }
        String header = "Invalid configuration (" + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "):\n";
        return problems.stream()
                .map(problem -> "  - " + problem.message())
                .collect(Collectors.joining("\n", header, ""));
    }
}
