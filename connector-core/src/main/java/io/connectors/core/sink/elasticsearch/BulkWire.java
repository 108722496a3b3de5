package io.connectors.core.sink.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.transport.endpoints.BinaryEndpoint;
import co.elastic.clients.transport.endpoints.BinaryResponse;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.connectors.api.sink.SinkOperation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The bulk API in bytes: the request body is the items' action lines and already-serialized documents laid end to
 * end, sent as is; the answer is asked for with {@code filter_path=errors,items.*.status,items.*.error} and read as a
 * stream, so that a batch costs no object per item beyond its status (and its error, when it has one). The typed
 * client would build an operation object per item and parse every item's {@code _index}, {@code _version},
 * {@code _shards}, ... into objects, none of which the sink uses.
 */
final class BulkWire {

    /** One operation of a batch: its action line (with its newline) and, for an index operation, the document. */
    record Item(SinkOperation source, byte[] action, byte @Nullable [] document) {
        /** The bytes this item adds to a request. */
        long bytes() {
            return action.length + (document == null ? 0 : document.length + 1);
        }
    }

    /** What Elasticsearch answered for each item of a batch, by position: its status, and its error when it failed. */
    record Answer(int[] statuses, @Nullable String[] errors) {}

    /** An answer's status for an item the response did not mention. */
    static final int NO_ANSWER = -1;

    private static final byte[] INDEX = "{\"index\":{\"_id\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DELETE = "{\"delete\":{\"_id\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CLOSE = "}}\n".getBytes(StandardCharsets.UTF_8);

    /**
     * POST /{index}/_bulk with a prepared body: the index is in the path, so the action lines need only the id; the
     * connector's ingest pipeline, if any, is the request's {@code pipeline} parameter.
     */
    private record Request(String index, @Nullable String pipeline, BinaryData body) {}

    private static final BinaryEndpoint<Request> ENDPOINT = new BinaryEndpoint<>("es/bulk",
            request -> "POST",
            request -> "/" + URLEncoder.encode(request.index(), StandardCharsets.UTF_8) + "/_bulk",
            request -> Map.of(),
            request -> request.pipeline() == null ? Map.of("filter_path", "errors,items.*.status,items.*.error")
                    : Map.of("filter_path", "errors,items.*.status,items.*.error", "pipeline", request.pipeline()),
            request -> Map.of(),
            Request::body,
            null);

    private BulkWire() {}

    static Item index(SinkOperation source, String id, byte[] document) {
        return new Item(source, action(INDEX, id), document);
    }

    static Item delete(SinkOperation source, String id) {
        return new Item(source, action(DELETE, id), null);
    }

    private static byte[] action(byte[] prefix, String id) {
        byte[] quoted = JsonStringEncoder.getInstance().quoteAsUTF8(id);
        byte[] line = Arrays.copyOf(prefix, prefix.length + quoted.length + 2 + CLOSE.length);
        line[prefix.length] = '"';
        System.arraycopy(quoted, 0, line, prefix.length + 1, quoted.length);
        line[prefix.length + 1 + quoted.length] = '"';
        System.arraycopy(CLOSE, 0, line, prefix.length + quoted.length + 2, CLOSE.length);
        return line;
    }

    /** Sends one batch; the Mono fails as the typed client would (status and Elasticsearch's reason) when the whole request fails. */
    static Mono<Answer> send(ElasticsearchAsyncClient client, String index, @Nullable String pipeline, List<Item> batch,
                             JsonFactory json) {
        return Mono.fromFuture(() -> client._transport().performRequestAsync(new Request(index, pipeline, body(batch)), ENDPOINT,
                        client._transportOptions()))
                .map(response -> {
                    try (BinaryResponse answer = response; InputStream in = answer.content(); JsonParser parser = json.createParser(in)) {
                        return parse(parser, batch.size());
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read the bulk response of " + index, e);
                    }
                });
    }

    static BinaryData body(List<Item> batch) {
        long size = 0;
        for (Item item : batch) {
            size += item.bytes();
        }
        byte[] body = new byte[Math.toIntExact(size)];
        int at = 0;
        for (Item item : batch) {
            System.arraycopy(item.action(), 0, body, at, item.action().length);
            at += item.action().length;
            if (item.document() != null) {
                System.arraycopy(item.document(), 0, body, at, item.document().length);
                at += item.document().length;
                body[at++] = '\n';
            }
        }
        return BinaryData.of(body, ContentType.APPLICATION_JSON);
    }

    /**
     * Reads {@code {"errors":..,"items":[{"index":{"status":201}},{"index":{"status":400,"error":{..}}},..]}}. When
     * {@code errors} is false every item succeeded (a delete of a missing id is not an error), and the items are
     * skipped unread.
     */
    static Answer parse(JsonParser parser, int size) throws IOException {
        int[] statuses = new int[size];
        String[] errors = new String[size];
        Arrays.fill(statuses, NO_ANSWER);
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("a bulk response is an object");
        }
        boolean failures = true;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("errors")) {
                failures = value == JsonToken.VALUE_TRUE;
            } else if (name.equals("items") && value == JsonToken.START_ARRAY && !failures) {
                parser.skipChildren();
                Arrays.fill(statuses, 200);
            } else if (name.equals("items") && value == JsonToken.START_ARRAY) {
                int position = 0;
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    item(parser, position++, statuses, errors);
                }
            } else {
                parser.skipChildren();
            }
        }
        return new Answer(statuses, errors);
    }

    /** {@code {"<operation>":{"status":..,"error":{"type":..,"reason":..}}}}, the parser on its START_OBJECT. */
    private static void item(JsonParser parser, int position, int[] statuses, String[] errors) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                parser.skipChildren();
                continue;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (position >= statuses.length) {
                    parser.skipChildren();
                } else if (field.equals("status") && value == JsonToken.VALUE_NUMBER_INT) {
                    statuses[position] = parser.getIntValue();
                } else if (field.equals("error") && value == JsonToken.START_OBJECT) {
                    errors[position] = error(parser);
                } else {
                    parser.skipChildren();
                }
            }
        }
    }

    /** "type: reason" of an item's error object (the parser on its START_OBJECT). */
    private static String error(JsonParser parser) throws IOException {
        String type = null;
        String reason = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("type") && value == JsonToken.VALUE_STRING) {
                type = parser.getText();
            } else if (field.equals("reason") && value == JsonToken.VALUE_STRING) {
                reason = parser.getText();
            } else {
                parser.skipChildren();
            }
        }
        return type + ": " + reason;
    }
}
