package io.connectors.core.service;

import io.connectors.api.source.DataSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The connector's {@code features}, in the shape Elastic's service writes from a source's capabilities, so Kibana
 * shows the controls that work: incremental syncs, basic sync rules (applied by this runtime to every source), the
 * advanced rules editor, document-level security.
 */
final class SourceFeatures {

    private SourceFeatures() {}

    static Map<String, Object> of(DataSource source) {
        Map<String, Object> syncRules = new LinkedHashMap<>();
        syncRules.put("basic", enabled(true));
        syncRules.put("advanced", enabled(source.supportsAdvancedRules()));
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("sync_rules", syncRules);
        features.put("document_level_security", enabled(source.supportsAccessControl()));
        features.put("incremental_sync", enabled(source.supportsIncremental()));
        return features;
    }

    private static Map<String, Object> enabled(boolean enabled) {
        return Map.of("enabled", enabled);
    }
}
