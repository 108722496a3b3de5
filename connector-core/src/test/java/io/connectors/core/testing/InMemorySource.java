package io.connectors.core.testing;

import io.connectors.api.config.ConfigField;
import io.connectors.api.config.ConfigSchema;
import io.connectors.api.config.SourceConfiguration;
import io.connectors.api.source.DataSource;
import io.connectors.api.source.DataSourceContext;
import io.connectors.api.source.Filtering;
import io.connectors.api.source.SourceChange;
import io.connectors.api.source.SourceDocument;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The reference test source: serves the documents of a named {@link SourceData} (registered in this JVM), so the
 * engine and the daemon can be exercised without HTTP. Supports incremental syncs from the data's change log, and
 * the light listing when the data says so ({@link SourceData#listing(boolean)}).
 */
public final class InMemorySource extends DataSource {

    private final SourceData data;
    private long cursorVersion;

    public InMemorySource(SourceConfiguration configuration, DataSourceContext context) {
        super(configuration, context);
        this.data = SourceData.named(configuration.getString("store"));
    }

    public static ConfigSchema configSchema() {
        return ConfigSchema.of(
                ConfigField.string("store").label("Name of the in-memory store").required().build(),
                ConfigField.string("secret").label("A secret nobody reads").sensitive().optional().build());
    }

    @Override
    public Mono<Void> ping() {
        return data.pingError() == null ? Mono.empty() : Mono.error(new IllegalStateException(data.pingError()));
    }

    @Override
    public Flux<SourceDocument> docs(Filtering filtering) {
        return Flux.defer(() -> {
            cursorVersion = data.version();
            return data.stream();
        });
    }

    @Override
    public boolean supportsListing() {
        return data.listing();
    }

    @Override
    public Flux<SourceDocument> list(Filtering filtering) {
        return Flux.defer(() -> {
            cursorVersion = data.version();
            return data.list();
        });
    }

    @Override
    public Flux<SourceDocument> fetch(List<String> ids) {
        return data.fetch(ids);
    }

    @Override
    public boolean supportsIncremental() {
        return true;
    }

    @Override
    public Flux<SourceChange> docsIncrementally(Map<String, Object> cursor, Filtering filtering) {
        return Flux.defer(() -> {
            long since = ((Number) cursor.getOrDefault("version", 0L)).longValue();
            cursorVersion = data.version();
            return Flux.fromIterable(data.changesSince(since));
        });
    }

    @Override
    public Map<String, Object> syncCursor() {
        return Map.of("version", cursorVersion);
    }
}
