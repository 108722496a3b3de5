package io.connectors.core.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Configuration values as a user gives them: {@code key=value} arguments, or a YAML file of {@code key: value}
 * lines ({@code --from-file}). Values stay raw (the source's schema reads them leniently); an empty value means unset.
 * Error messages never quote a value, which may be a secret.
 */
final class KeyValues {

    private KeyValues() {}

    /** {@code key=value} arguments in order; a later key wins. */
    static Map<String, Object> parse(List<String> pairs) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            String pair = pairs.get(i);
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                problems.add("value " + (i + 1) + " is not key=value" + (equals == 0 ? " (the key is empty)" : " (no '=')"));
                continue;
            }
            values.put(pair.substring(0, equals).strip(), pair.substring(equals + 1));
        }
        if (!problems.isEmpty()) {
            throw new CliException("configuration values are written key=value, e.g. store=docs or 'jira_url=https://x.atlassian.net'", problems);
        }
        return values;
    }

    /** A YAML mapping of configuration keys to scalars or lists of scalars. */
    static Map<String, Object> fromYaml(Path file) {
        Object loaded;
        try {
            loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage());
        } catch (MarkedYAMLException e) {
            // the problem and its line, not the whole message: that quotes the line, maybe a secret
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new CliException(file + (mark == null ? "" : ":" + (mark.getLine() + 1)) + " is not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new CliException(file + " is not valid YAML");
        }
        if (loaded == null) {
            return Map.of();
        }
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new CliException(file + " must hold configuration values as 'key: value' lines");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        map.forEach((key, value) -> {
            if (value instanceof Map<?, ?>) {
                problems.add(key + ": expected a value or a list, got a mapping");
            } else {
                values.put(String.valueOf(key), value);
            }
        });
        if (!problems.isEmpty()) {
            throw new CliException(file + " has values that are not configuration values", problems);
        }
        return values;
    }
}
