package io.connectors.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.core.protocol.ControlIndices;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI's behaviour that needs no Elasticsearch: usage, exit codes, output that reaches a real stream. */
class ConnectorsCliTest {

    @TempDir
    Path home;

    @Test
    void output_printedWithoutANewline_isFlushedBeforeTheCommandReturns() throws IOException {
        Path config = Files.writeString(home.resolve("config.yml"), "sources:\n  memory: io.connectors.core.testing.InMemorySource\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CommandLine commandLine = cli();
        commandLine.setOut(new PrintWriter(bytes)); // no autoflush, as picocli's System.out writer on print()

        int exit = commandLine.execute("-c", config.toString(), "sources", "memory");

        assertThat(exit).isZero();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("store");
    }

    @Test
    void usageErrors_exitWith2_andAFailedCommandWith1() {
        assertThat(cli().execute("job", "start")).isEqualTo(2);
        assertThat(cli().execute("connector", "set", "some-id")).isEqualTo(2);
        assertThat(cli().execute("-c", home.resolve("missing.yml").toString(), "sources")).isEqualTo(1);
    }

    private static CommandLine cli() {
        CommandLine commandLine = new CommandLine(new ConnectorsCli(new CliEnvironment(Map.of(), false, ControlIndices.DEFAULT)));
        commandLine.setErr(new PrintWriter(new ByteArrayOutputStream()));
        return commandLine;
    }
}
