package io.connectors.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectors.core.json.Json;
import org.junit.jupiter.api.Test;

class DocumentReaderTest {

    private final DocumentReader<Connector> reader = new DocumentReader<>(Connector.class, ".elastic-connectors", c -> null);

    private DocumentReader.Result<Connector> read(String json) throws Exception {
        return reader.read("c1", 1, 1, (ObjectNode) Json.mapper().readTree(json));
    }

    private String reason(String json) throws Exception {
        return ((DocumentReader.Result.Bad<Connector>) read(json)).malformed().reason();
    }

    @Test
    void read_wellFormed_isOk() throws Exception {
        assertThat(read("{\"service_type\":\"jira\",\"status\":\"connected\",\"configuration\":{}}"))
                .isInstanceOf(DocumentReader.Result.Ok.class);
    }

    @Test
    void read_configurationNotAnObject_namesTheFieldAndTheExpectedType() throws Exception {
        assertThat(reason("{\"service_type\":\"jira\",\"configuration\":\"x\"}"))
                .isEqualTo("field 'configuration' has the wrong type: expected an object");
    }

    @Test
    void read_unknownStatus_namesTheField() throws Exception {
        assertThat(reason("{\"status\":\"sleeping\"}")).isEqualTo("field 'status' has a value this service does not know");
    }

    @Test
    void read_nestedWrongType_givesThePath() throws Exception {
        assertThat(reason("{\"scheduling\":{\"full\":{\"enabled\":[1]}}}")).startsWith("field 'scheduling.full.enabled'");
    }

    @Test
    void read_malformed_keepsTheServiceTypeWhenItIsAString() throws Exception {
        var bad = (DocumentReader.Result.Bad<Connector>) read("{\"service_type\":\"jira\",\"deleted\":{}}");
        assertThat(bad.malformed().serviceType()).isEqualTo("jira");
    }
}
