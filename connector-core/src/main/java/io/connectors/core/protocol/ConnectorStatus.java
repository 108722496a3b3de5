package io.connectors.core.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A connector's {@code status}, as Elastic writes it. */
public enum ConnectorStatus {
    CREATED, NEEDS_CONFIGURATION, CONFIGURED, CONNECTED, ERROR;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ConnectorStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
