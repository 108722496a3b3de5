package io.connectors.core.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.connectors.api.ConnectorException;
import io.connectors.api.config.ConfigurationProblem;
import io.connectors.api.config.ConfigurationProblemsException;
import io.connectors.core.config.ConfigException;
import io.connectors.core.es.ElasticsearchErrors;
import io.connectors.core.json.Json;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import reactor.core.Exceptions;

/**
 * The base of every leaf command: output streams, the global options, and one place that turns a failure into a
 * message on stderr (JSON with {@code --json}) and exit code 1, never a stack trace.
 */
abstract class CliCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Does the work; returns the exit code. */
    abstract int execute();

    @Override
    public final Integer call() {
        try {
            return execute();
        } catch (CommandLine.ParameterException usage) {
            throw usage; // picocli reports it as a usage error (exit 2)
        } catch (RuntimeException e) {
            fail(Exceptions.unwrap(e));
            return CliException.EXIT_FAILED;
        } finally {
            // picocli's writers flush on println only, and main() exits right after
            out().flush();
            err().flush();
        }
    }

    ConnectorsCli root() {
        return (ConnectorsCli) spec.root().userObject();
    }

    boolean json() {
        return root().json();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    CliSession openSession() {
        return root().openSession();
    }

    void printJson(Object value) {
        out().println(toJson(value));
        out().flush();
    }

    static String toJson(Object value) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void fail(Throwable error) {
        String message;
        List<String> problems;
        switch (error) {
            case CliException cli -> {
                message = cli.getMessage();
                problems = cli.problems();
            }
            case ConfigException config -> {
                message = "cannot use " + root().configFile() + " (" + config.problems().size() + " problem"
                        + (config.problems().size() == 1 ? "" : "s") + "); run 'connectors doctor' for a full check";
                problems = List.of(config.getMessage().split("\n"));
            }
            case ConfigurationProblemsException invalid -> {
                message = "invalid configuration";
                problems = invalid.problems().stream().map(ConfigurationProblem::message).toList();
            }
            case ConnectorException connector -> {
                message = connector.getMessage();
                problems = List.of();
            }
            default -> {
                message = ElasticsearchErrors.status(error) != 0
                        ? "Elasticsearch: " + ElasticsearchErrors.describe(error)
                                + " (check elasticsearch.host and credentials in config.yml; 'connectors doctor' checks them)"
                        : error.toString();
                problems = List.of();
            }
        }
        if (json()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", message);
            body.put("problems", problems);
            err().println(toJson(body));
        } else {
            err().println("error: " + message);
            problems.forEach(problem -> err().println("  - " + problem));
        }
        err().flush();
    }
}
