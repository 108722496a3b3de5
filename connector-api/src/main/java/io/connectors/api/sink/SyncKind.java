package io.connectors.api.sink;

/** The kinds of sync, named as Elastic's sync job {@code job_type}. */
public enum SyncKind {
    FULL("full"),
    INCREMENTAL("incremental"),
    ACCESS_CONTROL("access_control");

    private final String wireName;

    SyncKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static SyncKind fromWire(String value) {
        for (SyncKind kind : values()) {
            if (kind.wireName.equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown job type '" + value + "' (expected full, incremental or access_control)");
    }
}
