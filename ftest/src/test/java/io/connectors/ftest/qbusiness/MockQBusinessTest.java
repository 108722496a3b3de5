package io.connectors.ftest.qbusiness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.junit.jupiter.api.Test;

/** The mock's access-configuration check follows the API reference, independently of the sink's client. */
class MockQBusinessTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void accessConfigurationProblem_referenceShapes_areAccepted() throws Exception {
        assertThat(MockQBusiness.accessConfigurationProblem(MissingNode.getInstance())).isNull();
        assertThat(MockQBusiness.accessConfigurationProblem(json("""
                {'accessControls': [{'principals': [
                    {'user': {'id': 'ana@example.com', 'access': 'ALLOW', 'membershipType': 'INDEX'}},
                    {'group': {'name': 'finance', 'access': 'DENY'}}], 'memberRelation': 'OR'}],
                 'memberRelation': 'AND'}"""))).isNull();
    }

    @Test
    void accessConfigurationProblem_offTheReference_namesWhatIsWrong() throws Exception {
        assertThat(MockQBusiness.accessConfigurationProblem(json("{}"))).contains("accessControls is required");
        assertThat(MockQBusiness.accessConfigurationProblem(json("{'accessControls': [{'principals': []}]}")))
                .contains("principals is required");
        assertThat(MockQBusiness.accessConfigurationProblem(json(
                "{'accessControls': [{'principals': [{'user': {'id': 'a', 'access': 'ALLOW'}, 'group': {'name': 'g', 'access': 'ALLOW'}}]}]}")))
                .contains("union");
        assertThat(MockQBusiness.accessConfigurationProblem(json("{'accessControls': [{'principals': [{'user': {'id': 'a'}}]}]}")))
                .contains("access is required");
        assertThat(MockQBusiness.accessConfigurationProblem(json(
                "{'accessControls': [{'principals': [{'user': {'id': 'a', 'access': 'ALLOW', 'membershipType': 'USER'}}]}]}")))
                .contains("membershipType");
        assertThat(MockQBusiness.accessConfigurationProblem(json(
                "{'accessControls': [{'principals': [{'group': {'id': 'g', 'access': 'ALLOW'}}]}]}")))
                .contains("unknown member id");
        assertThat(MockQBusiness.accessConfigurationProblem(json(
                "{'accessControls': [{'principals': [{'user': {'id': '', 'access': 'ALLOW'}}]}]}")))
                .contains("1 to 1024");
        assertThat(MockQBusiness.accessConfigurationProblem(json(
                "{'accessControls': [{'principals': [{'user': {'id': 'a', 'access': 'ALLOW'}}], 'memberRelation': 'XOR'}]}")))
                .contains("memberRelation");
    }

    @Test
    void contentTypeProblem_everyEnumValueOrNone_accepted() throws Exception {
        for (String type : java.util.List.of("PDF", "HTML", "MS_WORD", "PLAIN_TEXT", "PPT", "RTF", "XML", "XSLT", "MS_EXCEL",
                "CSV", "JSON", "MD")) {
            assertThat(MockQBusiness.contentTypeProblem(json("{'id': 'a', 'contentType': '" + type + "'}"))).as(type).isNull();
        }
        assertThat(MockQBusiness.contentTypeProblem(json("{'id': 'a'}"))).isNull();
    }

    @Test
    void contentTypeProblem_offTheEnum_refusedLikeTheService() throws Exception {
        assertThat(MockQBusiness.contentTypeProblem(json("{'id': 'a', 'contentType': 'application/pdf'}")))
                .contains("Value 'application/pdf'", "contentType", "enum value set", "MS_WORD");
        assertThat(MockQBusiness.contentTypeProblem(json("{'id': 'a', 'contentType': 'pdf'}"))).isNotNull();
        assertThat(MockQBusiness.contentTypeProblem(json("{'id': 'a', 'contentType': 'DOCX'}"))).isNotNull();
    }
}
