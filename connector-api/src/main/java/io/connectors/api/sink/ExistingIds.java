package io.connectors.api.sink;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The ids a target already holds, each with a 64-bit hash of its change marker ({@code _timestamp}), and which of
 * them the current sync has seen. Built once before a sync, then asked about every source document.
 *
 * <p>Written by hand because it must hold millions of ids in little memory and no library offers an off-the-shelf
 * string set with a parallel long and bitset: ids are stored once as length-prefixed UTF-8 in one byte arena; an
 * open-addressing table of ints points into it. About 14 bytes per id plus the id's own UTF-8 length (see
 * {@link #memoryBytes()}), with no object per id. Markers are compared by a 64-bit hash: the chance that a changed
 * marker hashes like the old one is 2^-64 per document.
 *
 * <p>Not thread safe: the engine asks from one ordered stream.
 */
public final class ExistingIds {

    /** What {@link #check} found. */
    public enum Status { NEW, CHANGED, UNCHANGED }

    private static final int EMPTY = -1;

    private final byte[] arena;
    private final int[] offsets;
    private final long[] markers;
    private final int[] table;
    private final long[] seen;
    private final int size;

    private ExistingIds(byte[] arena, int[] offsets, long[] markers, int[] table, int size) {
        this.arena = arena;
        this.offsets = offsets;
        this.markers = markers;
        this.table = table;
        this.size = size;
        this.seen = new long[(size + 63) / 64];
    }

    public static ExistingIds empty() {
        return builder(0).build();
    }

    public static Builder builder(int expectedSize) {
        return new Builder(expectedSize);
    }

    public int size() {
        return size;
    }

    /** Records that the source has {@code id} with {@code marker}, and says whether the target's copy is current. */
    public Status check(String id, String marker) {
        byte[] key = id.getBytes(StandardCharsets.UTF_8);
        int index = find(key);
        if (index == EMPTY) {
            return Status.NEW;
        }
        seen[index >>> 6] |= 1L << index;
        return markers[index] == hashMarker(marker) ? Status.UNCHANGED : Status.CHANGED;
    }

    /** Whether the target holds {@code id}, without marking it seen. */
    public boolean contains(String id) {
        return find(id.getBytes(StandardCharsets.UTF_8)) != EMPTY;
    }

    /** The ids the sync has not seen, i.e. the ones a completed full sync deletes. Decoded lazily. */
    public Iterable<String> unseen() {
        return () -> new Iterator<>() {
            private int next = advance(0);

            private int advance(int from) {
                int i = from;
                while (i < size && (seen[i >>> 6] & (1L << i)) != 0) {
                    i++;
                }
                return i;
            }

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public String next() {
                if (next >= size) {
                    throw new NoSuchElementException();
                }
                String id = idAt(next);
                next = advance(next + 1);
                return id;
            }
        };
    }

    public int unseenCount() {
        int seenCount = 0;
        for (long word : seen) {
            seenCount += Long.bitCount(word);
        }
        return size - seenCount;
    }

    /**
     * What several targets agree on, for one source read that feeds several sinks: every id any of them holds; an
     * id's marker is theirs when every part holds it with the same marker, and otherwise one no source marker matches
     * (so the id reads as {@link Status#CHANGED} and each sink's own state then decides what it writes). The parts
     * are not changed. Holds a temporary map of every id while merging.
     */
    public static ExistingIds agreed(java.util.List<ExistingIds> parts) {
        if (parts.size() == 1) {
            ExistingIds only = parts.get(0);
            Builder copy = builder(only.size);
            for (int i = 0; i < only.size; i++) {
                copy.addHashed(only.idAt(i), only.markers[i]);
            }
            return copy.build();
        }
        java.util.Map<String, long[]> merged = new java.util.LinkedHashMap<>();
        for (ExistingIds part : parts) {
            for (int i = 0; i < part.size; i++) {
                long marker = part.markers[i];
                merged.merge(part.idAt(i), new long[] {marker, 1}, (old, next) -> {
                    old[1]++;
                    if (old[0] != marker) {
                        old[0] = DISAGREEMENT;
                    }
                    return old;
                });
            }
        }
        Builder builder = builder(merged.size());
        merged.forEach((id, entry) -> builder.addHashed(id, entry[1] == parts.size() ? entry[0] : DISAGREEMENT));
        return builder.build();
    }

    /** The marker of an id the parts disagree on: the hash of a text no source sends as a marker. */
    private static final long DISAGREEMENT = hashMarker("\u0000targets-disagree\u0000");

    /** The bytes held by this structure's arrays (what the bytes-per-id figure is measured on). */
    public long memoryBytes() {
        return arena.length + 4L * offsets.length + 8L * markers.length + 4L * table.length + 8L * seen.length;
    }

    private String idAt(int index) {
        int offset = offsets[index];
        int length = readLength(arena, offset);
        int start = offset + lengthSize(length);
        return new String(arena, start, length, StandardCharsets.UTF_8);
    }

    private int find(byte[] key) {
        if (table.length == 0) {
            return EMPTY;
        }
        int mask = table.length - 1;
        int slot = (int) hash(key, 0, key.length) & mask;
        while (true) {
            int index = table[slot];
            if (index == EMPTY) {
                return EMPTY;
            }
            if (equalsAt(offsets[index], key)) {
                return index;
            }
            slot = (slot + 1) & mask;
        }
    }

    private boolean equalsAt(int offset, byte[] key) {
        int length = readLength(arena, offset);
        if (length != key.length) {
            return false;
        }
        int start = offset + lengthSize(length);
        return Arrays.equals(arena, start, start + length, key, 0, key.length);
    }

    static long hashMarker(String marker) {
        byte[] bytes = marker.getBytes(StandardCharsets.UTF_8);
        return hash(bytes, 0, bytes.length);
    }

    /** A 64-bit mix of the bytes (murmur3's finalizer over 8-byte words); good spread, no allocation. */
    static long hash(byte[] bytes, int from, int length) {
        long h = 0x9E3779B97F4A7C15L ^ (length * 0xC2B2AE3D27D4EB4FL);
        int i = from;
        int end = from + length;
        while (i + 8 <= end) {
            long word = 0;
            for (int b = 7; b >= 0; b--) {
                word = (word << 8) | (bytes[i + b] & 0xFFL);
            }
            h = Long.rotateLeft(h ^ mix(word), 27) * 5 + 0x52DCE729;
            i += 8;
        }
        long tail = 0;
        for (int shift = 0; i < end; i++, shift += 8) {
            tail |= (bytes[i] & 0xFFL) << shift;
        }
        return mix(h ^ mix(tail));
    }

    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xFF51AFD7ED558CCDL;
        k ^= k >>> 33;
        k *= 0xC4CEB9FE1A85EC53L;
        k ^= k >>> 33;
        return k;
    }

    // Lengths are varints: one byte for ids shorter than 128 bytes.
    private static int lengthSize(int length) {
        int n = 1;
        while (length >= 0x80) {
            length >>>= 7;
            n++;
        }
        return n;
    }

    private static int readLength(byte[] arena, int offset) {
        int length = 0;
        int shift = 0;
        while (true) {
            byte b = arena[offset++];
            length |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return length;
            }
            shift += 7;
        }
    }

    /** Collects ids and markers, then freezes them into a compact, trimmed structure. */
    public static final class Builder {
        private byte[] arena;
        private int arenaSize;
        private int[] offsets;
        private long[] markers;
        private int size;

        private Builder(int expectedSize) {
            int capacity = Math.max(16, expectedSize);
            arena = new byte[capacity * 24];
            offsets = new int[capacity];
            markers = new long[capacity];
        }

        public Builder add(String id, String marker) {
            return addHashed(id, hashMarker(marker));
        }

        private Builder addHashed(String id, long markerHash) {
            byte[] key = id.getBytes(StandardCharsets.UTF_8);
            int needed = lengthSize(key.length) + key.length;
            if (arenaSize + needed > arena.length) {
                arena = Arrays.copyOf(arena, Math.max(arenaSize + needed, arena.length + (arena.length >> 1)));
            }
            if (size == offsets.length) {
                int capacity = size + (size >> 1) + 1;
                offsets = Arrays.copyOf(offsets, capacity);
                markers = Arrays.copyOf(markers, capacity);
            }
            offsets[size] = arenaSize;
            markers[size] = markerHash;
            int length = key.length;
            while (length >= 0x80) {
                arena[arenaSize++] = (byte) ((length & 0x7F) | 0x80);
                length >>>= 7;
            }
            arena[arenaSize++] = (byte) length;
            System.arraycopy(key, 0, arena, arenaSize, key.length);
            arenaSize += key.length;
            size++;
            return this;
        }

        public int size() {
            return size;
        }

        public ExistingIds build() {
            byte[] finalArena = Arrays.copyOf(arena, arenaSize);
            int[] finalOffsets = Arrays.copyOf(offsets, size);
            long[] finalMarkers = Arrays.copyOf(markers, size);
            // Load factor <= 0.75 keeps linear probing short.
            int capacity = size == 0 ? 0 : Integer.highestOneBit(Math.max(2, (int) Math.ceil(size / 0.75)) - 1) << 1;
            int[] table = new int[capacity];
            Arrays.fill(table, EMPTY);
            int mask = capacity - 1;
            for (int index = 0; index < size; index++) {
                int offset = finalOffsets[index];
                int length = readLength(finalArena, offset);
                int start = offset + lengthSize(length);
                int slot = (int) hash(finalArena, start, length) & mask;
                while (table[slot] != EMPTY) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = index;
            }
            arena = new byte[0];
            offsets = new int[0];
            markers = new long[0];
            // Ids come from one index, where they are unique: no duplicate check needed.
            return new ExistingIds(finalArena, finalOffsets, finalMarkers, table, size);
        }
    }
}
