package io.connectors.confluence;

import io.connectors.api.config.SourceConfiguration;
import io.connectors.api.http.HttpAuth;
import io.connectors.atlassian.AtlassianAuth;
import io.connectors.atlassian.Deployment;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The connector's configuration, typed. Built from a {@link SourceConfiguration} already validated against
 * {@link ConfluenceDataSource#configSchema()}.
 *
 * @param apiUrl the base of REST paths and of Confluence's relative links: the configured URL, plus {@code /wiki}
 *               on Cloud (where the user configures the site, e.g. {@code https://example.atlassian.net})
 */
record ConfluenceConfig(
        String dataSource,
        Deployment deployment,
        String confluenceUrl,
        String apiUrl,
        HttpAuth auth,
        List<String> spaces,
        boolean indexLabels,
        boolean sslEnabled,
        @Nullable String sslCa,
        int retryCount,
        int concurrentDownloads,
        boolean documentLevelSecurity,
        boolean textExtractionService) {

    static final String PRODUCT = "confluence";
    static final String ALL_SPACES = "*";
    /** Elastic's bound on concurrent downloads. */
    static final int MAX_CONCURRENT_DOWNLOADS = 50;

    static ConfluenceConfig from(SourceConfiguration c) {
        String dataSource = c.getString("data_source");
        Deployment deployment = Deployment.of(PRODUCT, dataSource);
        String url = c.getString("confluence_url").strip().replaceAll("/+$", "");
        String api = deployment.cloud() && !url.endsWith("/wiki") ? url + "/wiki" : url;
        boolean ssl = c.getBool("ssl_enabled");
        List<String> spaces = c.getList("spaces").stream().map(String::strip).filter(key -> !key.isEmpty()).toList();
        return new ConfluenceConfig(dataSource, deployment, url, api, AtlassianAuth.from(c, deployment), spaces,
                c.getBool("index_labels"), ssl, ssl ? c.getOptionalString("ssl_ca") : null, c.getInt("retry_count"),
                Math.min(c.getInt("concurrent_downloads"), MAX_CONCURRENT_DOWNLOADS),
                c.getBool("use_document_level_security"), c.getBool("use_text_extraction_service"));
    }

    /** Whether every space is synced: {@code spaces} is empty or contains {@code *}. */
    boolean allSpaces() {
        return spaces.isEmpty() || spaces.contains(ALL_SPACES);
    }
}
