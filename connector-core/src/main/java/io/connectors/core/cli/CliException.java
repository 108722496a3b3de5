package io.connectors.core.cli;

import io.connectors.api.ConnectorException;
import java.util.List;

/**
 * A command that cannot do what was asked: the message says what and, with {@code problems}, every reason at once
 * (each a sentence without secret values). The CLI prints it without a stack trace and exits with {@link #EXIT_FAILED}.
 */
final class CliException extends ConnectorException {

    static final int EXIT_FAILED = 1;

    private final transient List<String> problems;

    CliException(String message) {
        this(message, List.of());
    }

    CliException(String message, List<String> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    List<String> problems() {
        return problems;
    }
}
