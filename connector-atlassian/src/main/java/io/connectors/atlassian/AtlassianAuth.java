package io.connectors.atlassian;

import io.connectors.api.config.ConfigField;
import io.connectors.api.config.Display;
import io.connectors.api.config.Option;
import io.connectors.api.config.SourceConfiguration;
import io.connectors.api.http.HttpAuth;
import java.util.List;

/**
 * The credentials of each deployment under Elastic's keys, the same for Jira and Confluence: Cloud
 * {@code account_email} + {@code api_token} (Basic); Server {@code username} + {@code password} (Basic); Data Center
 * {@code data_center_auth_method} {@code basic} with {@code data_center_username} + {@code data_center_password}, or
 * {@code personal_access_token} with {@code data_center_personal_access_token} (Bearer).
 */
public final class AtlassianAuth {

    public static final String BASIC = "basic";
    public static final String PERSONAL_ACCESS_TOKEN = "personal_access_token";

    private AtlassianAuth() {}

    /** The HTTP authentication a configuration (validated against {@link #fields}) asks for. */
    public static HttpAuth from(SourceConfiguration c, Deployment deployment) {
        return switch (deployment) {
            case CLOUD -> HttpAuth.basic(c.getString("account_email"), c.getString("api_token"));
            case SERVER -> HttpAuth.basic(c.getString("username"), c.getString("password"));
            case DATA_CENTER -> PERSONAL_ACCESS_TOKEN.equals(c.getString("data_center_auth_method"))
                    ? HttpAuth.bearer(c.getString("data_center_personal_access_token"))
                    : HttpAuth.basic(c.getString("data_center_username"), c.getString("data_center_password"));
        };
    }

    /**
     * The schema fields of {@code data_source} and the credentials, orders 1 to 9, labelled for {@code title}
     * ({@code Jira}, {@code Confluence}); {@code cloudEmailTooltip} is the hint under the Cloud email field.
     */
    public static List<ConfigField> fields(String product, String title, Deployment defaultDeployment, String cloudEmailTooltip) {
        String cloud = Deployment.CLOUD.dataSource(product);
        String server = Deployment.SERVER.dataSource(product);
        String dataCenter = Deployment.DATA_CENTER.dataSource(product);
        return List.of(
                ConfigField.string("data_source").label(title + " data source").display(Display.DROPDOWN)
                        .options(new Option(title + " Cloud", cloud), new Option(title + " Server", server),
                                new Option(title + " Data Center", dataCenter))
                        .defaultValue(defaultDeployment.dataSource(product)).order(1).build(),
                ConfigField.string("username").label(title + " Server username")
                        .dependsOn("data_source", server).order(2).build(),
                ConfigField.string("password").label(title + " Server password").sensitive()
                        .dependsOn("data_source", server).order(3).build(),
                ConfigField.string("data_center_auth_method").label(title + " Data Center authentication method")
                        .display(Display.DROPDOWN)
                        .options(new Option("Basic authentication", BASIC), new Option("Personal access token", PERSONAL_ACCESS_TOKEN))
                        .defaultValue(BASIC)
                        .dependsOn("data_source", dataCenter).order(4).build(),
                ConfigField.string("data_center_username").label(title + " Data Center username")
                        .dependsOn("data_source", dataCenter)
                        .dependsOn("data_center_auth_method", BASIC).order(5).build(),
                ConfigField.string("data_center_password").label(title + " Data Center password").sensitive()
                        .dependsOn("data_source", dataCenter)
                        .dependsOn("data_center_auth_method", BASIC).order(6).build(),
                ConfigField.string("data_center_personal_access_token").label(title + " Data Center personal access token")
                        .sensitive()
                        .dependsOn("data_source", dataCenter)
                        .dependsOn("data_center_auth_method", PERSONAL_ACCESS_TOKEN).order(7).build(),
                ConfigField.string("account_email").label(title + " Cloud email address")
                        .tooltip(cloudEmailTooltip)
                        .dependsOn("data_source", cloud).order(8).build(),
                ConfigField.string("api_token").label(title + " Cloud API token").sensitive()
                        .dependsOn("data_source", cloud).order(9).build());
    }
}
