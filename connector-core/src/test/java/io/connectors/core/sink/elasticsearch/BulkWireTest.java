package io.connectors.core.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import io.connectors.api.sink.SinkOperation;
import io.connectors.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BulkWireTest {

    private static BulkWire.Answer parse(String json, int size) throws IOException {
        try (JsonParser parser = Json.mapper().getFactory().createParser(json)) {
            return BulkWire.parse(parser, size);
        }
    }

    @Test
    void body_laysActionLinesAndDocumentsEndToEnd_withTheIdEscaped() throws IOException {
        BulkWire.Item upsert = BulkWire.index(new SinkOperation.Upsert("a\"b\\ü", Map.of(), false), "a\"b\\ü",
                "{\"x\":1}".getBytes(StandardCharsets.UTF_8));
        BulkWire.Item delete = BulkWire.delete(new SinkOperation.Delete("gone"), "gone");

        String body = new String(BulkWire.body(List.of(upsert, delete)).asInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(body).isEqualTo("{\"index\":{\"_id\":\"a\\\"b\\\\ü\"}}\n{\"x\":1}\n{\"delete\":{\"_id\":\"gone\"}}\n");
        assertThat(upsert.bytes() + delete.bytes()).isEqualTo(body.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void parse_withoutErrors_answersEveryItemSucceeded_withoutReadingThem() throws IOException {
        BulkWire.Answer answer = parse("{\"errors\":false,\"items\":[{\"index\":{\"status\":201}},{\"delete\":{\"status\":404}}]}", 2);

        assertThat(answer.statuses()).containsExactly(200, 200);
        assertThat(answer.errors()).containsOnlyNulls();
    }

    @Test
    void parse_withErrors_tellsEachItemsStatusAndError_byPosition() throws IOException {
        BulkWire.Answer answer = parse("""
                {"errors":true,"items":[
                  {"index":{"status":201}},
                  {"index":{"status":429,"error":{"type":"es_rejected_execution_exception","reason":"rejected","caused_by":{"type":"x","reason":"y"}}}},
                  {"delete":{"status":404}},
                  {"index":{"status":400,"error":{"type":"document_parsing_exception","reason":"[amount] not a number"}}}
                ]}""", 5);

        assertThat(answer.statuses()).containsExactly(201, 429, 404, 400, BulkWire.NO_ANSWER);
        assertThat(answer.errors()).containsExactly(null, "es_rejected_execution_exception: rejected", null,
                "document_parsing_exception: [amount] not a number", null);
    }
}
