package io.connectors.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.core.protocol.ControlIndices;
import org.junit.jupiter.api.Test;

class JobCheckTest {

    private final ControlIndices indices = new ControlIndices("connectors-control", "connectors-control-jobs");

    @Test
    void indexName_ordinary_isAccepted() {
        assertThat(JobCheck.indexName("search-jira", indices)).isNull();
        assertThat(JobCheck.indexName("content-wiki.v2", indices)).isNull();
    }

    @Test
    void indexName_dotPrefixedOrControl_isRefused() {
        assertThat(JobCheck.indexName(".elastic-connectors", indices)).contains("dot-prefixed");
        assertThat(JobCheck.indexName(".security-7", indices)).contains("dot-prefixed");
        assertThat(JobCheck.indexName("connectors-control-jobs", indices)).contains("control index");
    }

    @Test
    void indexName_patternsListsAndInvalidNames_areRefused() {
        for (String name : new String[] {"*", "search-*", "a,b", "_all", "Upper", "-x", "a b", "a:b", "", "x".repeat(256)}) {
            assertThat(JobCheck.indexName(name, indices)).as(name).isNotNull();
        }
        assertThat(JobCheck.indexName(null, indices)).contains("missing");
    }
}
