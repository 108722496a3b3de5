package io.connectors.ftest.dev;

import io.connectors.api.config.ConfigField;
import io.connectors.api.config.ConfigSchema;
import io.connectors.api.config.SourceConfiguration;
import io.connectors.api.config.Validation;
import io.connectors.api.source.Attachment;
import io.connectors.api.source.DataSource;
import io.connectors.api.source.DataSourceContext;
import io.connectors.api.source.Filtering;
import io.connectors.api.source.SourceDocument;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A self-contained source of generated articles, for {@code make run} and for process-level tests: deterministic
 * (the same count and revision give the same documents), with a text attachment on every tenth article and an
 * optional delay per document so a sync can be watched, canceled or interrupted.
 */
public final class DemoDataSource extends DataSource {

    private static final List<String> TOPICS = List.of("onboarding", "release notes", "incident review",
            "architecture", "runbook", "roadmap", "security review", "postmortem");

    private final int count;
    private final String revision;
    private final Duration delay;

    public DemoDataSource(SourceConfiguration configuration, DataSourceContext context) {
        super(configuration, context);
        this.count = configuration.getInt("count");
        this.revision = configuration.getString("revision");
        this.delay = Duration.ofMillis(configuration.getInt("delay_ms"));
    }

    public static ConfigSchema configSchema() {
        return ConfigSchema.of(
                ConfigField.integer("count").label("Number of articles").defaultValue(1000)
                        .validation(Validation.greaterThan(-1)).build(),
                ConfigField.string("revision").label("Revision of every article (change it to update them all)")
                        .defaultValue("1").build(),
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
        String topic = TOPICS.get(i % TOPICS.size());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("title", "Article " + i + ": " + topic);
        fields.put("description", "A generated " + topic + " article, number " + i + ", revision " + revision + ".");
        fields.put("topic", topic);
        fields.put("revision", revision);
        SourceDocument document = SourceDocument.of("article-" + i, "2026-01-01T00:00:00Z/r" + revision, fields);
        if (i % 10 != 0) {
            return document;
        }
        byte[] text = ("Attached notes for article " + i + " about " + topic + ".").getBytes(StandardCharsets.UTF_8);
        return document.withAttachment(new Attachment("article-" + i + ".txt", text.length, "text/plain",
                Flux.defer(() -> Flux.just(ByteBuffer.wrap(text)))));
    }
}
