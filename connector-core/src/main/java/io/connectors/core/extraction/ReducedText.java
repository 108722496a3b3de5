package io.connectors.core.extraction;

/**
 * Accumulates extracted text with its whitespace reduced, up to a size in UTF-8 bytes. A run of whitespace (and of
 * control characters) becomes one space, or one newline when it holds a line break; leading and trailing whitespace
 * is dropped. Once a character does not fit, the text is {@link #full() full}: it keeps what it has and refuses the
 * rest, never splitting a surrogate pair.
 */
final class ReducedText {

    private enum Pending { NONE, SPACE, NEWLINE }

    private final long maxBytes;
    private final StringBuilder text = new StringBuilder();
    private long bytes;
    private Pending pending = Pending.NONE;
    private boolean full;
    private char highSurrogate;

    ReducedText(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Appends {@code length} characters; false once the text is full. */
    boolean append(char[] chars, int offset, int length) {
        for (int i = offset; i < offset + length && !full; i++) {
            append(chars[i]);
        }
        return !full;
    }

    boolean append(CharSequence chars) {
        for (int i = 0; i < chars.length() && !full; i++) {
            append(chars.charAt(i));
        }
        return !full;
    }

    private void append(char c) {
        if (Character.isHighSurrogate(c)) {
            highSurrogate = c; // written with its low half, so a pair is kept or dropped whole
            return;
        }
        if (Character.isLowSurrogate(c)) {
            if (highSurrogate != 0) {
                write(4, highSurrogate, c);
            }
            highSurrogate = 0;
            return;
        }
        highSurrogate = 0;
        if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
            if (c == '\n' || c == '\r' || c == '\u000B' || c == '\f' || c == '\u2028' || c == '\u2029') {
                pending = Pending.NEWLINE;
            } else if (pending == Pending.NONE) {
                pending = Pending.SPACE;
            }
            return;
        }
        write(c < 0x80 ? 1 : c < 0x800 ? 2 : 3, c, (char) 0);
    }

    private void write(int size, char first, char second) {
        boolean separator = pending != Pending.NONE && !text.isEmpty();
        long needed = size + (separator ? 1 : 0);
        if (bytes + needed > maxBytes) {
            full = true;
            return;
        }
        if (separator) {
            text.append(pending == Pending.NEWLINE ? '\n' : ' ');
        }
        text.append(first);
        if (second != 0) {
            text.append(second);
        }
        bytes += needed;
        pending = Pending.NONE;
    }

    /** True once a character was refused because the cap was reached: the text is truncated. */
    boolean full() {
        return full;
    }

    long bytes() {
        return bytes;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
