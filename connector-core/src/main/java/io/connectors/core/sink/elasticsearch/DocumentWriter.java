package io.connectors.core.sink.elasticsearch;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * Writes a document (a map of JSON-friendly values) as JSON bytes, exactly as the shared {@link ObjectMapper} would,
 * but walking maps, lists, strings, numbers and booleans itself: Jackson's map serializer looks a serializer up for
 * every value of an untyped map, and nested maps start with an empty cache each time, which made serialization the
 * largest cost of a full sync after Elasticsearch itself (see docs/performance.md). Any other value (an
 * {@code Instant}, an {@code Optional}, a record, a map with non-string keys) is handed to the mapper, so its
 * configuration still decides how those look.
 */
final class DocumentWriter {

    private final ObjectMapper mapper;

    DocumentWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    byte[] write(Map<String, ?> document) throws IOException {
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(2048)) {
            try (JsonGenerator generator = mapper.getFactory().createGenerator(bytes, JsonEncoding.UTF8)) {
                generator.setCodec(mapper);
                object(generator, document);
            }
            return bytes.toByteArray();
        }
    }

    // an if-chain, most frequent types first: measurably cheaper than a pattern switch over types here
    private void value(JsonGenerator generator, Object value) throws IOException {
        if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof Map<?, ?> map) {
            object(generator, map);
        } else if (value instanceof Collection<?> list) {
            generator.writeStartArray(list, list.size());
            for (Object item : list) {
                value(generator, item);
            }
            generator.writeEndArray();
        } else if (value instanceof Integer number) {
            generator.writeNumber(number);
        } else if (value instanceof Long number) {
            generator.writeNumber(number);
        } else if (value instanceof Boolean flag) {
            generator.writeBoolean(flag);
        } else if (value instanceof Double number) {
            generator.writeNumber(number);
        } else if (value == null) {
            generator.writeNull();
        } else if (value instanceof Float number) {
            generator.writeNumber(number);
        } else if (value instanceof Short number) {
            generator.writeNumber(number);
        } else if (value instanceof BigDecimal number) {
            generator.writeNumber(number);
        } else if (value instanceof BigInteger number) {
            generator.writeNumber(number);
        } else {
            mapper.writeValue(generator, value);
        }
    }

    private void object(JsonGenerator generator, Map<?, ?> map) throws IOException {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                // key serializers (enums, dates, ...) are the mapper's business
                mapper.writeValue(generator, map);
                return;
            }
        }
        generator.writeStartObject(map, map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            generator.writeFieldName((String) entry.getKey());
            value(generator, entry.getValue());
        }
        generator.writeEndObject();
    }
}
