package io.connectors.core.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectors.core.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The fast document writer writes the very bytes the shared mapper writes. */
class DocumentWriterTest {

    private static final ObjectMapper MAPPER = Json.mapper();

    private record Person(String name, int age) {}

    private static void assertSameAsTheMapper(Map<String, ?> document) throws Exception {
        String expected = new String(MAPPER.writeValueAsBytes(document), StandardCharsets.UTF_8);
        String actual = new String(new DocumentWriter(MAPPER).write(document), StandardCharsets.UTF_8);
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void write_jiraLikeDocument_isByteForByteTheMappersOutput() throws Exception {
        Map<String, Object> comment = new LinkedHashMap<>();
        comment.put("id", "10001");
        comment.put("author", "Ünïcødé \"quoted\" \\ back\nslash \u0001 ☃ 😀");
        comment.put("created", "2025-01-01T00:00:00Z");
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("Story Points", 5);
        custom.put("Team", null);
        custom.put("Ratio", 0.25);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", "issue-1");
        document.put("_timestamp", "2025-01-01T00:00:00.000+0100");
        document.put("title", "A title");
        document.put("labels", List.of("a", "b"));
        document.put("comments", List.of(comment, comment));
        document.put("custom_fields", custom);
        document.put("empty", Map.of());
        document.put("nothing", null);
        document.put("flag", true);
        assertSameAsTheMapper(document);
    }

    @Test
    void write_everyValueTheSpiAllows_andOthers_isTheMappersOutput() throws Exception {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("long", Long.MAX_VALUE);
        document.put("int", Integer.MIN_VALUE);
        document.put("short", (short) 7);
        document.put("byte", (byte) 3);
        document.put("double", 1.0e-300);
        document.put("nan", Double.NaN);
        document.put("float", 1.5f);
        document.put("big decimal", new BigDecimal("12345678901234567890.123456789"));
        document.put("big integer", new BigInteger("123456789012345678901234567890"));
        document.put("instant", Instant.parse("2025-03-01T10:20:30.123Z"));
        document.put("date", LocalDate.of(2025, 3, 1));
        document.put("optional", Optional.of("x"));
        document.put("record", new Person("Ann", 40));
        document.put("enum", TimeUnit.SECONDS);
        document.put("set", Set.of("only"));
        document.put("array list", new ArrayList<>(List.of(1, 2.5, "three")));
        document.put("string array", new String[] {"x", "y"});
        document.put("bytes", "raw".getBytes(StandardCharsets.UTF_8));
        document.put("int keys", new TreeMap<>(Map.of(1, "one", 2, "two")));
        document.put("nested lists", List.of(List.of(), List.of(List.of(1)), Arrays.asList(null, "n")));
        assertSameAsTheMapper(document);
    }
}
