package io.connectors.api.config;

/** A schema shaped like Elastic's Jira connector, shared by the tests. */
final class JiraLikeSchema {

    static final ConfigSchema SCHEMA = ConfigSchema.of(
            ConfigField.string("data_source").label("Jira data source")
                    .options(new Option("Jira Cloud", "jira_cloud"), new Option("Jira Server", "jira_server"),
                            new Option("Jira Data Center", "jira_data_center"))
                    .defaultValue("jira_cloud")
                    .build(),
            ConfigField.string("username").label("Jira Server username")
                    .dependsOn("data_source", "jira_server").build(),
            ConfigField.string("password").label("Jira Server password").sensitive()
                    .dependsOn("data_source", "jira_server").build(),
            ConfigField.string("account_email").label("Jira Cloud email address")
                    .dependsOn("data_source", "jira_cloud").build(),
            ConfigField.string("api_token").label("Jira Cloud API token").sensitive()
                    .dependsOn("data_source", "jira_cloud").build(),
            ConfigField.string("jira_url").label("Jira host url")
                    .tooltip("e.g. https://acme.atlassian.net").build(),
            ConfigField.list("projects").label("Comma-separated list of Jira project keys")
                    .defaultValue("*").build(),
            ConfigField.bool("ssl_enabled").label("Enable SSL").build(),
            ConfigField.string("ssl_ca").label("SSL certificate").optional()
                    .dependsOn("ssl_enabled", true).build(),
            ConfigField.integer("retry_count").label("Retries").defaultValue(3)
                    .validation(Validation.greaterThan(-1)).validation(Validation.lessThan(10))
                    .uiRestriction("advanced").build(),
            ConfigField.integer("concurrent_downloads").label("Maximum concurrent downloads").optional()
                    .validation(Validation.lessThan(1001)).build());

    private JiraLikeSchema() {}
}
