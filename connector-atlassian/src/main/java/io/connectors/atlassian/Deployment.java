package io.connectors.atlassian;

import java.util.Locale;

/**
 * Where an Atlassian product runs, as Elastic's {@code data_source} key names it: {@code <product>_cloud},
 * {@code <product>_server} or {@code <product>_data_center}. Server and Data Center speak the same API; they differ
 * in authentication only (Data Center also takes a personal access token).
 */
public enum Deployment {
    CLOUD("cloud"),
    SERVER("server"),
    DATA_CENTER("data_center");

    private final String suffix;

    Deployment(String suffix) {
        this.suffix = suffix;
    }

    /** The {@code data_source} value of this deployment for {@code product} ({@code jira}, {@code confluence}). */
    public String dataSource(String product) {
        return product + "_" + suffix;
    }

    /** Whether this is the Cloud API (Server and Data Center share the other). */
    public boolean cloud() {
        return this == CLOUD;
    }

    /** The deployment a {@code data_source} value names; an actionable error for any other value. */
    public static Deployment of(String product, String dataSource) {
        for (Deployment deployment : values()) {
            if (deployment.dataSource(product).equals(dataSource.strip().toLowerCase(Locale.ROOT))) {
                return deployment;
            }
        }
        throw new IllegalArgumentException("Unknown data_source '" + dataSource + "': expected " + product + "_cloud, "
                + product + "_server or " + product + "_data_center");
    }
}
