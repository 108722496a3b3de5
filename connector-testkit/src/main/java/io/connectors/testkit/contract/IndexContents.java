package io.connectors.testkit.contract;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Every document of an index after a sync: id -> {@code _source}, sorted by id so messages read the same each run. */
final class IndexContents {

    /** One search page; a fixture is meant to be small, so one page is all the kit reads. */
    static final int MAX_DOCUMENTS = 10_000;
    private static final int EXAMPLES = 5;

    private final String index;
    private final SortedMap<String, ObjectNode> documents;

    private IndexContents(String index, SortedMap<String, ObjectNode> documents) {
        this.index = index;
        this.documents = documents;
    }

    static IndexContents read(ElasticsearchClient client, String index) {
        try {
            if (!client.indices().exists(e -> e.index(index)).value()) {
                return new IndexContents(index, Collections.emptySortedMap());
            }
            client.indices().refresh(r -> r.index(index));
            SearchResponse<ObjectNode> response = client.search(s -> s.index(index).size(MAX_DOCUMENTS)
                    .trackTotalHits(t -> t.enabled(true)), ObjectNode.class);
            long total = response.hits().total() == null ? 0 : response.hits().total().value();
            if (total > MAX_DOCUMENTS) {
                throw new AssertionError("Index " + index + " holds " + total + " documents; the contract kit reads at"
                        + " most " + MAX_DOCUMENTS + ": give the fixture less data (a few dozen documents are enough)");
            }
            SortedMap<String, ObjectNode> documents = new TreeMap<>();
            for (Hit<ObjectNode> hit : response.hits().hits()) {
                documents.put(Objects.requireNonNull(hit.id()), Objects.requireNonNull(hit.source()));
            }
            return new IndexContents(index, documents);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read index " + index, e);
        }
    }

    String index() {
        return index;
    }

    int size() {
        return documents.size();
    }

    Set<String> ids() {
        return documents.keySet();
    }

    boolean has(String id) {
        return documents.containsKey(id);
    }

    @Nullable ObjectNode document(String id) {
        return documents.get(id);
    }

    /** The document's {@code _timestamp} as the engine wrote it, or null when it has none. */
    @Nullable String timestamp(String id) {
        ObjectNode document = documents.get(id);
        JsonNode timestamp = document == null ? null : document.get("_timestamp");
        return timestamp == null || timestamp.isNull() ? null : timestamp.asText();
    }

    /** Ids whose {@code _timestamp} is missing or blank. */
    Set<String> withoutTimestamp() {
        return documents.keySet().stream().filter(id -> {
            String timestamp = timestamp(id);
            return timestamp == null || timestamp.isBlank();
        }).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Ids held here and not in {@code other}. */
    Set<String> missingFrom(IndexContents other) {
        Set<String> missing = new TreeSet<>(documents.keySet());
        missing.removeAll(other.documents.keySet());
        return missing;
    }

    /**
     * Ids held by both whose {@code _source} differs, with the first differing field of each, described as
     * "field 'f' is A {@code mineLabel}, B {@code theirsLabel}".
     */
    Map<String, String> differencesFrom(IndexContents other, String mineLabel, String theirsLabel) {
        Map<String, String> differences = new TreeMap<>();
        documents.forEach((id, mine) -> {
            ObjectNode theirs = other.documents.get(id);
            if (theirs != null && !mine.equals(theirs)) {
                differences.put(id, firstDifference(mine, theirs, mineLabel, theirsLabel));
            }
        });
        return differences;
    }

    private static String firstDifference(ObjectNode mine, ObjectNode theirs, String mineLabel, String theirsLabel) {
        Set<String> fields = new TreeSet<>();
        mine.fieldNames().forEachRemaining(fields::add);
        theirs.fieldNames().forEachRemaining(fields::add);
        for (String field : fields) {
            JsonNode a = mine.get(field);
            JsonNode b = theirs.get(field);
            if (!Objects.equals(a, b)) {
                return "field '" + field + "' is " + shortText(a) + " " + mineLabel + ", " + shortText(b) + " "
                        + theirsLabel;
            }
        }
        return "the documents differ";
    }

    private static String shortText(@Nullable JsonNode node) {
        if (node == null) {
            return "absent";
        }
        String text = node.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    /** Up to five of {@code ids}, for a message: {@code [a, b, c, ... (12 in all)]}. */
    static String examples(Set<String> ids) {
        List<String> first = ids.stream().limit(EXAMPLES).toList();
        StringBuilder text = new StringBuilder("[").append(String.join(", ", first));
        if (ids.size() > EXAMPLES) {
            text.append(", ... (").append(ids.size()).append(" in all)");
        }
        return text.append(']').toString();
    }

    /** Up to five entries of {@code differences}, one per line. */
    static String examples(Map<String, String> differences) {
        StringBuilder text = new StringBuilder();
        Iterator<Map.Entry<String, String>> entries = differences.entrySet().iterator();
        for (int i = 0; i < EXAMPLES && entries.hasNext(); i++) {
            Map.Entry<String, String> entry = entries.next();
            text.append("\n    '").append(entry.getKey()).append("': ").append(entry.getValue());
        }
        if (differences.size() > EXAMPLES) {
            text.append("\n    ... (").append(differences.size()).append(" in all)");
        }
        return text.toString();
    }
}
