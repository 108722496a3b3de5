package io.connectors.confluence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorageFormatTest {

    private static final String PAGE = """
            <h1>Release &amp; rollout</h1>
            <p>Caf&eacute; menu&nbsp;token stoken42 &lt;5 ms&gt; &#169;</p>
            <ul><li>first item</li><li>second <strong>bold</strong> item</li></ul>
            <table><tbody><tr><th>Name</th><th>Value</th></tr><tr><td>alpha</td><td>1</td></tr></tbody></table>
            <ac:structured-macro ac:name="code" ac:schema-version="1" ac:macro-id="d1f0">
              <ac:parameter ac:name="language">java</ac:parameter>
              <ac:parameter ac:name="title">Example</ac:parameter>
              <ac:plain-text-body><![CDATA[if (a < b && c > d) { run("x"); }]]></ac:plain-text-body>
            </ac:structured-macro>
            <ac:structured-macro ac:name="info"><ac:rich-text-body><p>Info panel text</p></ac:rich-text-body></ac:structured-macro>
            <p><ac:link><ri:page ri:content-title="Other page" ri:space-key="DEV"/><ac:plain-text-link-body><![CDATA[link text]]></ac:plain-text-link-body></ac:link></p>
            <p><ac:image><ri:attachment ri:filename="diagram.png"/></ac:image></p>
            """;

    @Test
    void toText_storageFormat_noMarkupMacroXmlCdataOrEntityLeft() {
        String text = StorageFormat.toText(PAGE);

        assertThat(text).contains("a < b && c > d") // the code's own operators are content
                .doesNotContain("&amp;", "&eacute;", "&nbsp;", "CDATA", "ac:", "ri:", "structured-macro", "d1f0")
                .doesNotContainPattern("<[a-zA-Z/!]").doesNotContainPattern("&[a-zA-Z#0-9]+;");
    }

    @Test
    void toText_storageFormat_keepsHeadingsListsTablesCodeAndDecodedEntities() {
        String text = StorageFormat.toText(PAGE);

        assertThat(text.lines()).contains("Release & rollout", "first item", "second bold item", "Name\tValue", "alpha\t1",
                "Info panel text", "link text");
        assertThat(text).contains("Café menu token stoken42 <5 ms> ©").contains("run(\"x\");");
    }

    @Test
    void toText_macroParameters_dropped() {
        String text = StorageFormat.toText(PAGE);

        assertThat(text).doesNotContain("java", "Example", "diagram.png", "Other page");
    }

    @Test
    void toText_blankOrPlainText_asIs() {
        assertThat(StorageFormat.toText("")).isEmpty();
        assertThat(StorageFormat.toText("just words")).isEqualTo("just words");
    }

    @Test
    void toText_malformedXhtml_stillText() {
        assertThat(StorageFormat.toText("<p>open <b>bold</p><p>next &unknown; done")).contains("open bold", "next", "done")
                .doesNotContain("<p>", "<b>");
    }
}
