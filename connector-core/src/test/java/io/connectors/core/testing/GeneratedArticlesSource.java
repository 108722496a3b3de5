package io.connectors.core.testing;

import io.connectors.api.config.ConfigField;
import io.connectors.api.config.ConfigSchema;
import io.connectors.api.config.SourceConfiguration;
import io.connectors.api.config.Validation;
import io.connectors.api.source.DataSource;
import io.connectors.api.source.DataSourceContext;
import io.connectors.api.source.Filtering;
import io.connectors.api.source.SourceDocument;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Generated articles for tests that run the daemon as a child process, where an {@link InMemorySource} store cannot
 * reach: deterministic (the same count and revision give the same documents), with a delay per document so a sync
 * can be watched, interrupted or killed midway.
 */
public final class GeneratedArticlesSource extends DataSource {

    private final int count;
    private final String revision;
    private final Duration delay;

    public GeneratedArticlesSource(SourceConfiguration configuration, DataSourceContext context) {
        super(configuration, context);
        this.count = configuration.getInt("count");
        this.revision = configuration.getString("revision");
        this.delay = Duration.ofMillis(configuration.getInt("delay_ms"));
    }

    public static ConfigSchema configSchema() {
        return ConfigSchema.of(
                ConfigField.integer("count").label("Number of articles").defaultValue(1000)
                        .validation(Validation.greaterThan(-1)).build(),
                ConfigField.string("revision").label("Revision of every article").defaultValue("1").build(),
                ConfigField.integer("delay_ms").label("Delay per article, in milliseconds").defaultValue(0)
                        .validation(Validation.greaterThan(-1)).build());
    }

    @Override
    public Mono<Void> ping() {
        return Mono.empty();
    }

    @Override
    public Flux<SourceDocument> docs(Filtering filtering) {
        Flux<SourceDocument> documents = Flux.range(0, count).map(this::article);
        return delay.isZero() ? documents : documents.delayElements(delay);
    }

    private SourceDocument article(int i) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("title", "Article " + i);
        fields.put("revision", revision);
        return SourceDocument.of("article-" + i, "2026-01-01T00:00:00Z/r" + revision, fields);
    }
}
