package io.connectors.testkit.contract;

import io.connectors.api.ConnectorApi;
import io.connectors.api.config.SourceConfiguration;
import io.connectors.api.source.DataSource;
import io.connectors.api.source.DataSourceContext;
import io.connectors.api.source.DataSourceDescriptor;
import io.connectors.api.source.Filtering;
import io.connectors.api.source.SourceChange;
import io.connectors.api.source.SourceDocument;
import io.connectors.core.testing.InMemorySource;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sources that break one promise each, for the kit's own tests: {@link InMemorySource} with one thing done wrong.
 * Each has a descriptor, listed in this module's test META-INF/services, so the runtime finds it as it finds any.
 */
final class BrokenSources {

    private BrokenSources() {}

    /** InMemorySource's documents, each passed through {@link #alter}. */
    abstract static class Altered extends DataSource {

        private static final AtomicLong STREAMS = new AtomicLong();

        private final InMemorySource delegate;

        Altered(SourceConfiguration configuration, DataSourceContext context) {
            super(configuration, context);
            this.delegate = new InMemorySource(configuration, context);
        }

        /** Each document of a full sync's stream; {@code stream} numbers the streams of this JVM. */
        SourceDocument alter(SourceDocument document, long stream) {
            return document;
        }

        @Override
        public Mono<Void> ping() {
            return delegate.ping();
        }

        @Override
        public Flux<SourceDocument> docs(Filtering filtering) {
            return Flux.defer(() -> {
                long stream = STREAMS.incrementAndGet();
                return delegate.docs(filtering).map(document -> alter(document, stream));
            });
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
    }

    /** Ids numbered per sync, as a source that numbers the items it lists would do. */
    static final class UnstableIds extends Altered {
        UnstableIds(SourceConfiguration configuration, DataSourceContext context) {
            super(configuration, context);
        }

        @Override
        SourceDocument alter(SourceDocument document, long stream) {
            return new SourceDocument(document.id() + "-sync" + stream, document.timestamp(), document.fields(),
                    document.attachment());
        }

        public static final class Descriptor extends DataSourceDescriptor {
            public Descriptor() {
                super(ConnectorApi.VERSION, "unstable-ids", "Unstable ids", UnstableIds.class,
                        InMemorySource.configSchema(), UnstableIds::new);
            }
        }
    }

    /** One change marker for every document and every revision. */
    static final class ConstantTimestamp extends Altered {
        ConstantTimestamp(SourceConfiguration configuration, DataSourceContext context) {
            super(configuration, context);
        }

        @Override
        SourceDocument alter(SourceDocument document, long stream) {
            return new SourceDocument(document.id(), "2026-01-01T00:00:00Z", document.fields(), document.attachment());
        }

        public static final class Descriptor extends DataSourceDescriptor {
            public Descriptor() {
                super(ConnectorApi.VERSION, "constant-timestamp", "Constant timestamp", ConstantTimestamp.class,
                        InMemorySource.configSchema(), ConstantTimestamp::new);
            }
        }
    }

    /** No change marker at all. */
    static final class EmptyTimestamp extends Altered {
        EmptyTimestamp(SourceConfiguration configuration, DataSourceContext context) {
            super(configuration, context);
        }

        @Override
        SourceDocument alter(SourceDocument document, long stream) {
            return new SourceDocument(document.id(), "", document.fields(), document.attachment());
        }

        public static final class Descriptor extends DataSourceDescriptor {
            public Descriptor() {
                super(ConnectorApi.VERSION, "empty-timestamp", "Empty timestamp", EmptyTimestamp.class,
                        InMemorySource.configSchema(), EmptyTimestamp::new);
            }
        }
    }

    /** The time of the sync as the change marker: every full sync rewrites every document. */
    static final class SyncTimeTimestamp extends Altered {
        SyncTimeTimestamp(SourceConfiguration configuration, DataSourceContext context) {
            super(configuration, context);
        }

        @Override
        SourceDocument alter(SourceDocument document, long stream) {
            return new SourceDocument(document.id(), Instant.now().toString() + "#" + stream, document.fields(),
                    document.attachment());
        }

        public static final class Descriptor extends DataSourceDescriptor {
            public Descriptor() {
                super(ConnectorApi.VERSION, "sync-time-timestamp", "Sync time as timestamp", SyncTimeTimestamp.class,
                        InMemorySource.configSchema(), SyncTimeTimestamp::new);
            }
        }
    }

    /** Logs its secret at DEBUG, where a developer "only temporarily" traced a request. */
    static final class LeakySecret extends Altered {
        LeakySecret(SourceConfiguration configuration, DataSourceContext context) {
            super(configuration, context);
        }

        @Override
        public Flux<SourceDocument> docs(Filtering filtering) {
            context().logger().debug("listing store {} with secret {}", configuration().getString("store"),
                    configuration().getOptionalString("secret"));
            return super.docs(filtering);
        }

        public static final class Descriptor extends DataSourceDescriptor {
            public Descriptor() {
                super(ConnectorApi.VERSION, "leaky-secret", "Leaky secret", LeakySecret.class,
                        InMemorySource.configSchema(), LeakySecret::new);
            }
        }
    }

    /** Never checks credentials: its ping always succeeds. */
    static final class IgnoresCredentials extends Altered {
        IgnoresCredentials(SourceConfiguration configuration, DataSourceContext context) {
            super(configuration, context);
        }

        @Override
        public Mono<Void> ping() {
            return Mono.empty();
        }

        public static final class Descriptor extends DataSourceDescriptor {
            public Descriptor() {
                super(ConnectorApi.VERSION, "ignores-credentials", "Ignores credentials", IgnoresCredentials.class,
                        InMemorySource.configSchema(), IgnoresCredentials::new);
            }
        }
    }

    /** Says it supports incremental syncs, and reports no change. */
    static final class BlindIncremental extends Altered {
        BlindIncremental(SourceConfiguration configuration, DataSourceContext context) {
            super(configuration, context);
        }

        @Override
        public Flux<SourceChange> docsIncrementally(Map<String, Object> cursor, Filtering filtering) {
            return Flux.empty();
        }

        public static final class Descriptor extends DataSourceDescriptor {
            public Descriptor() {
                super(ConnectorApi.VERSION, "blind-incremental", "Blind incremental", BlindIncremental.class,
                        InMemorySource.configSchema(), BlindIncremental::new);
            }
        }
    }

    /** A source nobody registered: no descriptor lists it. */
    static final class Unregistered extends Altered {
        Unregistered(SourceConfiguration configuration, DataSourceContext context) {
            super(configuration, context);
        }
    }
}
