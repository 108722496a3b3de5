package io.connectors.core.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values that must not appear on a command line (shell history, {@code ps}): read from standard input, one line
 * per key, or asked for on the terminal without echo.
 */
final class SecretInput {

    private SecretInput() {}

    static Map<String, Object> read(List<String> fromStdin, List<String> prompted) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (!fromStdin.isEmpty()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String key : fromStdin) {
                try {
                    String line = in.readLine();
                    if (line == null) {
                        throw new CliException("standard input ended before the value of " + key);
                    }
                    values.put(key, line.strip());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read standard input", e);
                }
            }
        }
        for (String key : prompted) {
            Console console = System.console();
            if (console == null) {
                throw new CliException("--prompt needs a terminal; use --stdin " + key + " to read it from standard input");
            }
            char[] secret = console.readPassword("%s: ", key);
            if (secret == null) {
                throw new CliException("no value given for " + key);
            }
            values.put(key, new String(secret));
            java.util.Arrays.fill(secret, '\0');
        }
        return values;
    }
}
