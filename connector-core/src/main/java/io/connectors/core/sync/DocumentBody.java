package io.connectors.core.sync;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A source document's fields followed by what the engine adds ({@code id}, {@code _timestamp}, an attachment's text
 * and metadata), as one read-only map that does not copy the fields: {@code SinkOperation.Upsert} takes the one copy a
 * document needs. An added key replaces a field of the same name.
 */
final class DocumentBody extends AbstractMap<String, Object> {

    private final Map<String, Object> fields;
    private final Map<String, Object> added = new LinkedHashMap<>(8);

    DocumentBody(Map<String, Object> fields) {
        this.fields = fields;
    }

    void add(String key, Object value) {
        added.put(key, value);
    }

    void addAll(Map<String, ?> values) {
        added.putAll(values);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                int replaced = 0;
                for (String key : added.keySet()) {
                    if (fields.containsKey(key)) {
                        replaced++;
                    }
                }
                return fields.size() + added.size() - replaced;
            }

            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private final Iterator<Entry<String, Object>> first = fields.entrySet().iterator();
                    private final Iterator<Entry<String, Object>> second = added.entrySet().iterator();
                    private Entry<String, Object> next = advance();

                    private Entry<String, Object> advance() {
                        while (first.hasNext()) {
                            Entry<String, Object> entry = first.next();
                            if (!added.containsKey(entry.getKey())) {
                                return entry;
                            }
                        }
                        return second.hasNext() ? second.next() : null;
                    }

                    @Override
                    public boolean hasNext() {
                        return next != null;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next == null) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, Object> current = next;
                        next = advance();
                        return current;
                    }
                };
            }
        };
    }
}
