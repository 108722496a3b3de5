package io.connectors.core.config;

import io.connectors.api.ConnectorException;
import java.util.List;
import java.util.stream.Collectors;

/** A config file that cannot be used. {@link #problems()} lists everything wrong with it, not only the first thing. */
public final class ConfigException extends ConnectorException {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    /** The problems found in {@code sourceName}; the message has one line per problem. */
    public ConfigException(String sourceName, List<ConfigProblem> problems) {
        super(problems.stream().map(p -> p.format(sourceName)).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** A problem with the file as a whole, such as it being missing. */
    public ConfigException(String message) {
        super(message);
        this.problems = List.of(new ConfigProblem("", 0, message));
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(new ConfigProblem("", 0, message));
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
