package io.connectors.core.service;

import io.connectors.api.sink.SyncKind;
import io.connectors.api.source.DataSource;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * No silent downgrade of document-level security: a connector that asks for it ({@code use_document_level_security})
 * from a source that has none would index its content without permissions, so its jobs fail instead; and an
 * {@code access_control} job of such a source ends in error before anything (index, access-control index) is touched.
 */
final class SecurityCheck {

    /** Elastic's configuration key, set by Kibana's document-level security toggle. */
    static final String USE_DLS = "use_document_level_security";

    private SecurityCheck() {}

    /** Why a job of {@code kind} must not run, or null. */
    static @Nullable String refusal(SyncKind kind, Map<String, Object> configuration, DataSource source) {
        if (source.supportsAccessControl()) {
            return null;
        }
        if (kind == SyncKind.ACCESS_CONTROL) {
            return "access_control syncs need document-level security, which " + source + " does not provide; nothing"
                    + " was written. Turn off this connector's access_control schedule (and "
                    + USE_DLS + ") or use a source that supports document-level security";
        }
        if (enabled(configuration.get(USE_DLS))) {
            return USE_DLS + " is true, but " + source + " does not provide document-level security: its documents"
                    + " would be indexed without permissions, so nothing was synced. Set " + USE_DLS
                    + " to false to index without permissions, or use a source that supports it";
        }
        return null;
    }

    private static boolean enabled(@Nullable Object entry) {
        Object value = entry instanceof Map<?, ?> map ? map.get("value") : entry;
        return value instanceof Boolean b ? b : value != null && "true".equals(value.toString().trim().toLowerCase(Locale.ROOT));
    }
}
