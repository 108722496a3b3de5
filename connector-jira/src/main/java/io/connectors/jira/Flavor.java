package io.connectors.jira;

/**
 * Which Jira API the connector speaks. Cloud: REST API v3 (ADF rich text, token-paged issue search on
 * {@code /rest/api/3/search/jql}, attachment content on {@code /rest/api/3/attachment/content/{id}}, which redirects
 * to the media host). Server and Data Center: REST API v2 (wiki-markup text, offset-paged {@code /rest/api/2/search},
 * attachments on {@code /secure/attachment/{id}/{filename}}).
 */
enum Flavor {
    CLOUD("3"),
    SERVER("2");

    private final String version;

    Flavor(String version) {
        this.version = version;
    }

    /** {@code /rest/api/<version>/<path>}. */
    String api(String path) {
        return "/rest/api/" + version + "/" + path;
    }
}
