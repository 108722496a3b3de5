package io.connectors.confluence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class CqlTest {

    @Test
    void space_keyWithQuoteAndBackslash_oneEscapedLiteral() {
        assertThat(Cql.space("DE\"V\\X").text()).isEqualTo("space = \"DE\\\"V\\\\X\"");
    }

    @Test
    void space_injectionAttempt_staysInsideTheLiteral() {
        assertThat(Cql.space("DEV\" or space = \"HR").text()).isEqualTo("space = \"DEV\\\" or space = \\\"HR\"");
    }

    @Test
    void and_spaceTypesAndWindow_cqlConfluenceParses() {
        Cql cql = Cql.space("DEV").and(Cql.types("page", "blogpost")).and(Cql.modifiedSince(LocalDateTime.of(2026, 1, 2, 3, 4, 59)))
                .orderBy("created");
        assertThat(cql.text()).isEqualTo("space = \"DEV\" and type in (page, blogpost) and lastmodified >= \"2026-01-02 03:04\" order by created");
    }

    @Test
    void and_userRuleWithOr_grouped() {
        assertThat(Cql.raw("space = A or space = B").and(Cql.types("page")).text())
                .isEqualTo("(space = A or space = B) and type in (page)");
    }

    @Test
    void and_userRuleWithOrderBy_orderByMovesToTheEnd() {
        assertThat(Cql.raw("space = A order by title").and(Cql.modifiedSince(LocalDateTime.of(2026, 1, 2, 3, 4))).text())
                .isEqualTo("space = A and lastmodified >= \"2026-01-02 03:04\" order by title");
    }

    @Test
    void spacesAndLabels_listsOfQuotedValues() {
        assertThat(Cql.spaces(List.of("A", "B")).text()).isEqualTo("space in (\"A\", \"B\")");
        assertThat(Cql.labels(List.of("x y")).text()).isEqualTo("label in (\"x y\")");
    }
}
