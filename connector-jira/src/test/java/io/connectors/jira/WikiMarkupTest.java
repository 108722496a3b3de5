package io.connectors.jira;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WikiMarkupTest {

    @Test
    void headingsMacrosLinksUsersAndImages_areCleaned() {
        String markup = "h1. Release notes\n"
                + "Ping [~jdoe] about [the guide|https://example.com/guide] and [https://x.io].\n"
                + "See [^report.pdf] !screenshot.png|thumbnail!\n"
                + "{code:java}\nint a = 1;\n{code}\n"
                + "{quote}quoted{quote}\n"
                + "{color:red}*important*{color} and {{monospace}}\n"
                + "----\n"
                + "bq. a block quote";
        assertThat(WikiMarkup.toText(markup)).isEqualTo("Release notes\n"
                + "Ping @jdoe about the guide (https://example.com/guide) and https://x.io.\n"
                + "See report.pdf\n"
                + "\nint a = 1;\n\n"
                + "quoted\n"
                + "important and monospace\n\n"
                + "a block quote");
    }

    @Test
    void listsAndTables() {
        assertThat(WikiMarkup.toText("* one\n** nested\n# first\n||Name||Value||\n|timeout|30|"))
                .isEqualTo("- one\n  - nested\n- first\nName | Value\ntimeout | 30");
    }

    @Test
    void plainTextPassesThrough() {
        assertThat(WikiMarkup.toText("2 * 3 = 6, a_b and 3-4")).isEqualTo("2 * 3 = 6, a_b and 3-4");
    }
}
