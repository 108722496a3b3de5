package io.connectors.ftest.mock;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One response of a mock: status, body, content type and extra headers. */
public record Answer(int status, byte[] body, @Nullable String contentType, Map<String, String> headers) {

    public Answer(int status, byte[] body, @Nullable String contentType) {
        this(status, body, contentType, Map.of());
    }

    /** An answer without a body, e.g. a 204 or a redirect. */
    public static Answer empty(int status) {
        return new Answer(status, new byte[0], null);
    }

    public Answer header(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Answer(status, body, contentType, more);
    }
}
