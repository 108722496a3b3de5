package io.connectors.core.cli;

import io.connectors.api.config.ConfigField;
import io.connectors.api.config.ConfigSchema;
import io.connectors.api.config.SourceConfiguration;
import io.connectors.api.config.Validation;
import io.connectors.api.source.DataSource;
import io.connectors.api.source.DataSourceContext;
import io.connectors.api.source.Filtering;
import io.connectors.api.source.SourceChange;
import io.connectors.api.source.SourceDocument;
import io.connectors.core.testing.InMemorySource;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An {@link InMemorySource} with a richer schema for the CLI's tests: a sensitive field with a default (which must
 * never be printed) and an int field with a bound (so a value can be wrong in type or range).
 */
public final class SecretiveSource extends DataSource {

    static final String DEFAULT_TOKEN = "default-token-never-printed";

    private final InMemorySource delegate;

    public SecretiveSource(SourceConfiguration configuration, DataSourceContext context) {
        super(configuration, context);
        this.delegate = new InMemorySource(InMemorySource.configSchema().resolve(Map.of("store", configuration.getString("store"))), context);
    }

    public static ConfigSchema configSchema() {
        return ConfigSchema.of(
                ConfigField.string("store").label("Store").build(),
                ConfigField.integer("page_size").label("Page size").defaultValue(50).validation(Validation.lessThan(1000)).build(),
                ConfigField.string("token").label("Token").sensitive().defaultValue(DEFAULT_TOKEN).build());
    }

    @Override
    public Mono<Void> ping() {
        return delegate.ping();
    }

    @Override
    public Flux<SourceDocument> docs(Filtering filtering) {
        return delegate.docs(filtering);
    }

    @Override
    public boolean supportsIncremental() {
        return true;
    }

    @Override
    public Flux<SourceChange> docsIncrementally(Map<String, Object> cursor, Filtering filtering) {
        return delegate.docsIncrementally(cursor, filtering);
    }

    @Override
    public Map<String, Object> syncCursor() {
        return delegate.syncCursor();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
