package io.connectors.core.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A password or API key. Its {@link #toString()} never shows the value, so records holding one can be logged;
 * only {@link #reveal()} gives it out, at the point where it is sent.
 */
public final class Secret {

    static final String MASK = "********";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return new Secret(Objects.requireNonNull(value, "value"));
    }

    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        // constant time, so a comparison does not leak how much of a guess was right
        return other instanceof Secret that
                && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), that.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return MASK;
    }
}
