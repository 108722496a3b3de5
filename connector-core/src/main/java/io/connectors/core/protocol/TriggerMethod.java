package io.connectors.core.protocol;

/** How a sync job came to be: asked for ({@code on_demand}) or from the connector's schedule ({@code scheduled}). */
public enum TriggerMethod {
    ON_DEMAND("on_demand"), SCHEDULED("scheduled");

    private final String wireName;

    TriggerMethod(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
