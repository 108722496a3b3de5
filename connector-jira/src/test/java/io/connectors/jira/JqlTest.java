package io.connectors.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class JqlTest {

    @Test
    void eq_quotesAndEscapesTheValue() {
        assertThat(Jql.field("project").eq("AC\"ME\\x").toString()).isEqualTo("project = \"AC\\\"ME\\\\x\"");
        assertThat(Jql.field("summary").eq("a\nb").toString()).isEqualTo("summary = \"a\\nb\"");
    }

    @Test
    void injectionAttempt_staysOneStringLiteral() {
        String evil = "X\" OR project != \"Y";
        assertThat(Jql.field("project").eq(evil).toString()).isEqualTo("project = \"X\\\" OR project != \\\"Y\"");
    }

    @Test
    void in_gte_and_orderBy() {
        Jql jql = Jql.field("project").in(List.of("A", "B"))
                .and(Jql.field("updated").gte(LocalDateTime.of(2025, 3, 1, 9, 5)))
                .orderBy("created", "key");
        assertThat(jql.toString())
                .isEqualTo("(project in (\"A\", \"B\")) AND (updated >= \"2025/03/01 09:05\") ORDER BY created ASC, key ASC");
    }

    @Test
    void raw_keepsTheUsersOrderByLast_whenClausesAreAdded() {
        Jql jql = Jql.raw("project = A OR labels = x order by priority DESC")
                .and(Jql.field("updated").gte(LocalDateTime.of(2025, 1, 2, 3, 4)));
        assertThat(jql.toString())
                .isEqualTo("(project = A OR labels = x) AND (updated >= \"2025/01/02 03:04\") ORDER BY priority DESC");
    }

    @Test
    void raw_orderByInsideAStringLiteral_isNotAClause() {
        assertThat(Jql.raw("summary ~ \"order by date\"").toString()).isEqualTo("summary ~ \"order by date\"");
        assertThat(Jql.raw("summary ~ \"order by date\"").ordered()).isFalse();
    }

    @Test
    void fieldNames_areChecked() {
        assertThat(Jql.field("cf[10010]").eq("x").toString()).isEqualTo("cf[10010] = \"x\"");
        assertThatThrownBy(() -> Jql.field("project = X OR a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Jql.field("project").in(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
