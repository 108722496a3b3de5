package io.connectors.ftest;

import java.util.Locale;

/**
 * {@code FLAVOR} of an Atlassian scenario: which wire format the mock speaks ({@code cloud}: Cloud's, else Server's)
 * and the connector's {@code data_source} ({@code jira_cloud}, {@code confluence_data_center}, ...).
 */
public record AtlassianFlavor(boolean cloud, String dataSource) {

    /** {@code flavor} ({@code cloud}, {@code server}, {@code data_center}/{@code datacenter}/{@code dc}) of {@code product}. */
    public static AtlassianFlavor of(String product, String flavor) {
        return switch (flavor.trim().toLowerCase(Locale.ROOT)) {
            case "cloud" -> new AtlassianFlavor(true, product + "_cloud");
            case "server" -> new AtlassianFlavor(false, product + "_server");
            case "data_center", "datacenter", "dc" -> new AtlassianFlavor(false, product + "_data_center");
            default -> throw new IllegalArgumentException("FLAVOR must be cloud, server or data_center, not '" + flavor + "'");
        };
    }
}
