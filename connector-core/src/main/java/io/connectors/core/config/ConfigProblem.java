package io.connectors.core.config;

/**
 * One thing wrong with a config file.
 *
 * @param path    the key, like {@code elasticsearch.bulk.chunk_size} or {@code connectors[1].service_type};
 *                empty for the file as a whole
 * @param line    1-based line in the file; 0 when there is no line (for example, the file is missing)
 * @param message what is wrong; never contains a secret value
 */
public record ConfigProblem(String path, int line, String message) {

    /** Formats as {@code config.yml:12: elasticsearch.bulk.chunk_size: expected an integer, got "abc"}. */
    String format(String sourceName) {
        StringBuilder out = new StringBuilder(sourceName);
        if (line > 0) {
            out.append(':').append(line);
        }
        out.append(": ");
        if (!path.isEmpty()) {
            out.append(path).append(": ");
        }
        return out.append(message).toString();
    }
}
