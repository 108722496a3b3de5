package io.connectors.confluence.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a v1 list ({@code /rest/api/space}, {@code /rest/api/content/search}, {@code child/attachment}):
 * {@code results}, {@code start}, {@code limit}, {@code size}, and {@code _links.next} while more follow (a cursor on
 * Cloud's content search, {@code start}/{@code limit} elsewhere).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResultPage<T>(@Nullable List<T> results, @Nullable Integer start, @Nullable Integer limit,
                            @Nullable Integer size, @JsonProperty("_links") @Nullable Links links) {

    public List<T> list() {
        return results == null ? List.of() : results;
    }

    public @Nullable String next() {
        return links == null || links.next() == null || links.next().isBlank() ? null : links.next();
    }
}
