package io.connectors.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.slf4j.event.Level;

/** The key table and the records must agree: each key's value lands in the component its table entry reads. */
class ConfigKeysTest {

    @TestFactory
    Stream<DynamicTest> everyEffectiveKey_setInAFile_isWhatTheRecordsHold() {
        return ConfigKeys.ROOT_KEYS.stream().filter(ConfigKey::effective).map(key -> DynamicTest.dynamicTest(key.path(), () -> {
            Object sample = sampleFor(key);
            Map<String, String> lines = new LinkedHashMap<>();
            // basic auth needs both halves, so both are always set
            lines.put("elasticsearch.username", "base-user");
            lines.put("elasticsearch.password", "base-password");
            lines.put(key.path(), render(key, sample));
            String yaml = lines.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n"));

            ConnectorsConfig config = ConfigLoader.parse(yaml, "round-trip.yml", Map.of());

            assertThat((Object) key.read().apply(config)).as(yaml).isEqualTo(sample);
        }));
    }

    @Test
    void keys_haveUniquePathsAndOneLineDescriptions() {
        List<ConfigKey<?>> all = Stream.concat(ConfigKeys.ROOT_KEYS.stream(), ConfigKeys.CONNECTOR_KEYS.stream()).toList();

        assertThat(all).extracting(ConfigKey::path).doesNotHaveDuplicates();
        assertThat(all).allSatisfy(key -> assertThat(key.description()).isNotBlank().doesNotContain("\n"));
        assertThat(all).filteredOn(key -> key.defaultValue() == null && !key.required())
                .allSatisfy(key -> assertThat(key.example()).as(key.path()).isNotNull());
        assertThat(ConfigKeys.ROOT_KEYS).filteredOn(ConfigKey::effective)
                .allSatisfy(key -> assertThat(key.read()).as(key.path()).isNotNull());
    }

    @Test
    void everyKeysSection_isDeclared() {
        assertThat(ConfigKeys.ROOT_KEYS).allSatisfy(key -> assertThat(ConfigKeys.isKeySection(key.parent())).as(key.path()).isTrue());
    }

    @Test
    void editDistance_countsASwapAsOneEdit() {
        assertThat(ConfigTreeReader.editDistance("chunk_szie", "chunk_size")).isEqualTo(1);
        assertThat(ConfigTreeReader.editDistance("hots", "host")).isEqualTo(1);
        assertThat(ConfigTreeReader.editDistance("idle", "idling")).isEqualTo(3);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String render(ConfigKey<?> key, Object value) {
        // a secret renders masked, by design; the file needs the value itself
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> ValueType.yamlScalar(String.valueOf(e.getKey())) + ": "
                    + ValueType.yamlScalar(String.valueOf(e.getValue()))).collect(Collectors.joining(", ", "{", "}"));
        }
        return value instanceof Secret secret ? ValueType.yamlScalar(secret.reveal()) : ((ValueType) key.type()).render(value);
    }

    /** A valid value different from the key's default. */
    private static Object sampleFor(ConfigKey<?> key) {
        Object def = key.defaultValue();
        String type = key.type().name();
        if (type.equals("URL")) {
            return "https://127.0.0.1:9201";
        } else if (type.equals("string")) {
            return "someone";
        } else if (type.equals("secret string")) {
            return Secret.of("s3cr3t");
        } else if (type.equals("path")) {
            return Path.of("some/where");
        } else if (type.startsWith("one of ")) {
            return "tika_server";
        } else if (type.equals("mapping of strings")) {
            return Map.of("X-Opaque-Id", "round-trip");
        } else if (type.equals("log level")) {
            return Level.DEBUG;
        } else if (def instanceof Boolean b) {
            return !b;
        } else if (def instanceof Integer i) {
            return i + 1;
        } else if (def instanceof Long l) {
            return l + 1;
        } else if (def instanceof Double d) {
            return d / 2;
        } else if (def instanceof Duration d) {
            return d.plusMillis(1500);
        } else if (type.startsWith("integer")) {
            return 8081; // an optional integer (no default): service.http.port
        }
        throw new AssertionError("no sample for " + key.path() + " of type " + type);
    }
}
