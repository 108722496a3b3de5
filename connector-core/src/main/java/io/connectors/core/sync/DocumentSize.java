package io.connectors.core.sync;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The size of a document's JSON, estimated from its values, and cutting its longest text fields to fit a limit. */
final class DocumentSize {

    /** Cut text ends with this, so a reader sees it was cut. */
    static final String MARK = " [truncated]";
    private static final int EXACT_ABOVE = 4096;

    private DocumentSize() {}

    /** About the bytes of {@code value} as JSON (strings in UTF-8; escaping ignored). */
    static long estimate(@Nullable Object value) {
        if (value instanceof String text) {
            return 2 + utf8(text);
        }
        if (value instanceof Map<?, ?> map) {
            long size = 2;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                size += 4 + String.valueOf(entry.getKey()).length() + estimate(entry.getValue());
            }
            return size;
        }
        if (value instanceof Collection<?> list) {
            long size = 2;
            for (Object item : list) {
                size += 1 + estimate(item);
            }
            return size;
        }
        return 24; // numbers, booleans, null, dates
    }

    /**
     * {@code document} with its longest top-level strings cut until it fits in {@code limit}, and
     * {@code document_truncated: true}; null when cutting every top-level string is not enough.
     */
    static @Nullable Map<String, Object> truncated(Map<String, Object> document, long limit) {
        Map<String, Object> copy = new LinkedHashMap<>(document);
        copy.put("document_truncated", true);
        List<String> strings = new ArrayList<>();
        copy.forEach((key, value) -> {
            if (value instanceof String) {
                strings.add(key);
            }
        });
        strings.sort(Comparator.comparingLong((String key) -> utf8((String) copy.get(key))).reversed());
        for (String key : strings) {
            long excess = estimate(copy) - limit;
            if (excess <= 0) {
                return copy;
            }
            String text = (String) copy.get(key);
            long keep = Math.max(0, utf8(text) - excess - MARK.length() - 16);
            copy.put(key, cut(text, keep) + MARK);
        }
        return estimate(copy) <= limit ? copy : null;
    }

    /** The longest prefix of {@code text} of at most {@code bytes} UTF-8 bytes, never splitting a surrogate pair. */
    private static String cut(String text, long bytes) {
        long used = 0;
        int i = 0;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (used + size > bytes) {
                break;
            }
            used += size;
            i += Character.charCount(codePoint);
        }
        return text.substring(0, i);
    }

    private static long utf8(String text) {
        return text.length() > EXACT_ABOVE ? text.getBytes(StandardCharsets.UTF_8).length : text.length() * 3L / 2;
    }
}
