package io.connectors.core.protocol;

import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectors.core.json.Json;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads control documents one hit at a time, so one document of the wrong shape is skipped instead of failing the
 * whole search (and with it every poll). A skipped document is logged at WARN once per id and reason, not on every
 * poll; it is logged again only after it was readable in between or its reason changed.
 */
final class DocumentReader<T> {

    private static final Logger log = LoggerFactory.getLogger(DocumentReader.class);

    private final Class<T> type;
    private final String index;
    private final Function<T, @Nullable String> check;
    private final Map<String, String> warned = new ConcurrentHashMap<>();

    /** {@code check} returns what is wrong with a document that parsed, or null when it is usable. */
    DocumentReader(Class<T> type, String index, Function<T, @Nullable String> check) {
        this.type = type;
        this.index = index;
        this.check = check;
    }

    /** The typed document, or the reason it cannot be used. */
    sealed interface Result<T> {
        record Ok<T>(Versioned<T> document) implements Result<T> {}

        record Bad<T>(Malformed malformed) implements Result<T> {}
    }

    Result<T> read(Hit<ObjectNode> hit) {
        return read(hit.id(), hit.seqNo() == null ? 0 : hit.seqNo(), hit.primaryTerm() == null ? 0 : hit.primaryTerm(), hit.source());
    }

    Result<T> read(String id, long seqNo, long primaryTerm, @Nullable ObjectNode source) {
        String reason;
        T doc = null;
        if (source == null) {
            reason = "the document has no _source";
        } else {
            try {
                doc = Json.mapper().treeToValue(source, type);
                reason = check.apply(doc);
            } catch (JsonMappingException e) {
                reason = describe(e);
            } catch (Exception e) {
                reason = String.valueOf(e.getMessage());
            }
        }
        if (reason == null && doc != null) {
            warned.remove(id);
            return new Result.Ok<>(new Versioned<>(id, seqNo, primaryTerm, doc));
        }
        Malformed malformed = new Malformed(id, reason, text(source, "service_type"));
        if (!reason.equals(warned.put(id, reason))) {
            log.warn("skipping document {} of {}: {}; fix or delete the document (logged once)", id, index, reason);
        }
        return new Result.Bad<>(malformed);
    }

    /** Names the field, then says what was wrong in Jackson's first line (no stack, no document content). */
    private static String describe(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        String field = path.isEmpty() ? "the document" : "field '" + path + "'";
        Class<?> target = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType()
                : e instanceof ValueInstantiationException instantiation ? instantiation.getType().getRawClass() : null;
        if (target != null && target.isEnum()) {
            return field + " has a value this service does not know";
        }
        if (e instanceof MismatchedInputException && target != null) {
            return field + " has the wrong type: expected " + expected(target);
        }
        String what = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("");
        if (what.length() > 200) {
            what = what.substring(0, 200) + "...";
        }
        return field + " cannot be read: " + what;
    }

    private static String expected(Class<?> target) {
        if (Map.class.isAssignableFrom(target) || target.isRecord()) {
            return "an object";
        }
        if (java.util.Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "a list";
        }
        if (target == String.class) {
            return "a string";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        return Number.class.isAssignableFrom(target) || target.isPrimitive() ? "a number" : target.getSimpleName();
    }

    static @Nullable String text(@Nullable JsonNode source, String field) {
        JsonNode value = source == null ? null : source.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
