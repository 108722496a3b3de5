package io.connectors.jira;

import io.connectors.api.config.SourceConfiguration;
import io.connectors.api.http.HttpAuth;
import io.connectors.atlassian.AtlassianAuth;
import io.connectors.atlassian.Deployment;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The connector's configuration, typed. Built from a {@link SourceConfiguration} already validated against
 * {@link JiraDataSource#configSchema()}, so the keys of the chosen {@code data_source} are present.
 */
record JiraConfig(
        String dataSource,
        Flavor flavor,
        String jiraUrl,
        HttpAuth auth,
        List<String> projects,
        boolean sslEnabled,
        @Nullable String sslCa,
        int retryCount,
        int concurrentDownloads,
        boolean documentLevelSecurity,
        boolean textExtractionService) {

    static final String CLOUD = "jira_cloud";
    static final String SERVER = "jira_server";
    static final String DATA_CENTER = "jira_data_center";
    static final String BASIC = AtlassianAuth.BASIC;
    static final String PERSONAL_ACCESS_TOKEN = AtlassianAuth.PERSONAL_ACCESS_TOKEN;
    static final String ALL_PROJECTS = "*";

    static JiraConfig from(SourceConfiguration c) {
        String dataSource = c.getString("data_source");
        Deployment deployment = Deployment.of("jira", dataSource);
        HttpAuth auth = AtlassianAuth.from(c, deployment);
        boolean ssl = c.getBool("ssl_enabled");
        return new JiraConfig(dataSource, deployment.cloud() ? Flavor.CLOUD : Flavor.SERVER,
                c.getString("jira_url").strip(), auth, c.getList("projects"), ssl,
                ssl ? c.getOptionalString("ssl_ca") : null, c.getInt("retry_count"), c.getInt("concurrent_downloads"),
                c.getBool("use_document_level_security"), c.getBool("use_text_extraction_service"));
    }

    /** Whether every project is synced: {@code projects} is empty or contains {@code *}. */
    boolean allProjects() {
        return projects.isEmpty() || projects.contains(ALL_PROJECTS);
    }
}
