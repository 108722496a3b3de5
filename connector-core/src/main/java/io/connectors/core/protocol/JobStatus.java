package io.connectors.core.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A sync job's {@code status}, as Elastic writes it. */
public enum JobStatus {
    PENDING, IN_PROGRESS, CANCELING, CANCELED, SUSPENDED, COMPLETED, ERROR;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static JobStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Whether a job in this status will not change any more. */
    public boolean terminal() {
        return this == CANCELED || this == COMPLETED || this == ERROR;
    }
}
