package io.connectors.ftest.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Whether an index equals its source exactly: the same ids, and for each id whose source gives a change marker the same
 * {@code _timestamp}. A pure function of two maps (id to marker), so the verdict is testable without Elasticsearch.
 *
 * @param expected       how many documents the source makes
 * @param actual         how many the index holds
 * @param missing        ids of the source that the index lacks
 * @param unexpected     ids in the index that the source does not have (deleted there, or never there)
 * @param wrongTimestamp {@code id: index marker instead of source marker} for ids in both whose markers differ
 */
record IndexComparison(int expected, int actual, List<String> missing, List<String> unexpected, List<String> wrongTimestamp) {

    IndexComparison {
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
        wrongTimestamp = List.copyOf(wrongTimestamp);
    }

    /**
     * Compares {@code source} (id to marker; a null marker is not compared, e.g. a project) with {@code index} (id to
     * its {@code _timestamp}, null when the document has none).
     */
    static IndexComparison compare(Map<String, @Nullable String> source, Map<String, @Nullable String> index) {
        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (String id : new TreeSet<>(source.keySet())) {
            if (!index.containsKey(id)) {
                missing.add(id);
                continue;
            }
            String want = source.get(id);
            String got = index.get(id);
            if (want != null && !Objects.equals(want, got)) {
                wrong.add(id + ": " + got + " instead of " + want);
            }
        }
        List<String> unexpected = new TreeSet<>(index.keySet()).stream().filter(id -> !source.containsKey(id)).toList();
        return new IndexComparison(source.size(), index.size(), missing, unexpected, wrong);
    }

    boolean equal() {
        return missing.isEmpty() && unexpected.isEmpty() && wrongTimestamp.isEmpty();
    }

    /** One line: counts, then the first few differences of each kind. */
    String summary() {
        if (equal()) {
            return actual + " documents, ids and _timestamps as in the source";
        }
        return "source " + expected + ", index " + actual + "; missing " + first(missing) + "; unexpected " + first(unexpected)
                + "; wrong _timestamp " + first(wrongTimestamp);
    }

    private static String first(List<String> items) {
        if (items.isEmpty()) {
            return "none";
        }
        return items.size() + " (" + String.join(", ", items.subList(0, Math.min(5, items.size()))) + (items.size() > 5 ? ", ..." : "") + ")";
    }
}
