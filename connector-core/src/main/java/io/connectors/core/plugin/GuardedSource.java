package io.connectors.core.plugin;

import io.connectors.api.config.SourceConfiguration;
import io.connectors.api.source.DataSource;
import io.connectors.api.source.DataSourceContext;
import io.connectors.api.source.Filtering;
import io.connectors.api.source.SourceChange;
import io.connectors.api.source.SourceDocument;
import io.connectors.api.source.SourceEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * A source as the runtime uses it: the plugin's instance behind a guard that turns a {@link LinkageError} (a class
 * missing from the plugin, or built against another version of what it links to) or a {@link StackOverflowError}
 * into a {@link PluginLoadingException} signalled as an error, so that a broken plugin fails its own job with the
 * reason.
 *
 * <p>Why: Reactor takes both for JVM-fatal errors. Thrown inside an operator (say, the plugin's {@code map} using a
 * class its jar lacks), they are rethrown up the calling thread instead of reaching the subscriber; the job then
 * never ends, and its heartbeat keeps cleanup away. The guard catches them where the runtime calls into the plugin:
 * direct calls, and the {@code subscribe} and {@code request} of every publisher the plugin returns, which is where a
 * source emitting on the requesting thread throws. A plugin that emits on threads of its own (after
 * {@code subscribeOn}, or from an HTTP client's callbacks) throws there, out of the runtime's reach.
 */
final class GuardedSource extends DataSource {

    private static final Logger log = LoggerFactory.getLogger(GuardedSource.class);

    private final DataSource delegate;
    private final String name;

    /** @param name e.g. {@code source 'jira' (io.connectors.jira.JiraDataSource, class path)}, for messages */
    GuardedSource(DataSource delegate, String name, SourceConfiguration configuration, DataSourceContext context) {
        super(configuration, context);
        this.delegate = delegate;
        this.name = name;
    }

    @Override
    public Mono<Void> ping() {
        return Mono.fromDirect(guard(call(delegate::ping)));
    }

    @Override
    public Mono<Void> validateConfig() {
        return Mono.fromDirect(guard(call(delegate::validateConfig)));
    }

    @Override
    public Flux<SourceDocument> docs(Filtering filtering) {
        return Flux.from(guard(call(() -> delegate.docs(filtering))));
    }

    @Override
    public boolean supportsAdvancedRules() {
        return call(delegate::supportsAdvancedRules);
    }

    @Override
    public Mono<Void> validateFiltering(Filtering filtering) {
        return Mono.fromDirect(guard(call(() -> delegate.validateFiltering(filtering))));
    }

    @Override
    public boolean supportsIncremental() {
        return call(delegate::supportsIncremental);
    }

    @Override
    public Flux<SourceChange> docsIncrementally(Map<String, Object> cursor, Filtering filtering) {
        return Flux.from(guard(call(() -> delegate.docsIncrementally(cursor, filtering))));
    }

    @Override
    public boolean supportsListing() {
        return call(delegate::supportsListing);
    }

    @Override
    public Flux<SourceDocument> list(Filtering filtering) {
        return Flux.from(guard(call(() -> delegate.list(filtering))));
    }

    @Override
    public Flux<SourceDocument> fetch(List<String> ids) {
        return Flux.from(guard(call(() -> delegate.fetch(ids))));
    }

    @Override
    public Map<String, Object> syncCursor() {
        return call(delegate::syncCursor);
    }

    @Override
    public boolean supportsAccessControl() {
        return call(delegate::supportsAccessControl);
    }

    @Override
    public Flux<SourceDocument> accessControl() {
        return Flux.from(guard(call(delegate::accessControl)));
    }

    @Override
    public boolean supportsEvents() {
        return call(delegate::supportsEvents);
    }

    @Override
    public SourceEvent readEvent(byte[] body) {
        return call(() -> delegate.readEvent(body));
    }

    @Override
    public Flux<SourceDocument> refresh(String subject, Filtering filtering) {
        return Flux.from(guard(call(() -> delegate.refresh(subject, filtering))));
    }

    @Override
    public void close() {
        try {
            delegate.close();
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            // close must not throw (the contract), and what it failed to release is the plugin's own
            log.warn("{}: close failed: {}", name, Plugins.describe(e));
        }
    }

    @Override
    public String toString() {
        return name;
    }

    private <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (LinkageError | StackOverflowError e) {
            throw failure(e);
        }
    }

    private PluginLoadingException failure(Throwable error) {
        return new PluginLoadingException(name + " failed: " + Plugins.describe(error), error);
    }

    private <T> Publisher<T> guard(Publisher<T> publisher) {
        return subscriber -> {
            Guard<T> guard = new Guard<>(Operators.toCoreSubscriber(subscriber));
            try {
                publisher.subscribe(guard);
            } catch (LinkageError | StackOverflowError e) {
                guard.fail(e);
            }
        };
    }

    /** Passes signals through, and turns what the plugin throws on subscribe or request into an error signal. */
    private final class Guard<T> implements CoreSubscriber<T>, Subscription {

        private final CoreSubscriber<? super T> actual;
        private final AtomicBoolean terminated = new AtomicBoolean();
        private volatile @Nullable Subscription upstream;

        Guard(CoreSubscriber<? super T> actual) {
            this.actual = actual;
        }

        @Override
        public Context currentContext() {
            return actual.currentContext();
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            if (Operators.validate(upstream, subscription)) {
                upstream = subscription;
                actual.onSubscribe(this);
            }
        }

        @Override
        public void onNext(T value) {
            if (!terminated.get()) {
                actual.onNext(value);
            }
        }

        @Override
        public void onError(Throwable error) {
            if (terminated.compareAndSet(false, true)) {
                actual.onError(error);
            } else {
                Operators.onErrorDropped(error, currentContext());
            }
        }

        @Override
        public void onComplete() {
            if (terminated.compareAndSet(false, true)) {
                actual.onComplete();
            }
        }

        @Override
        public void request(long n) {
            Subscription subscription = upstream;
            if (subscription == null) {
                return;
            }
            try {
                subscription.request(n);
            } catch (LinkageError | StackOverflowError e) {
                fail(e);
            }
        }

        @Override
        public void cancel() {
            Subscription subscription = upstream;
            if (subscription != null) {
                subscription.cancel();
            }
        }

        void fail(Throwable error) {
            Subscription subscription = upstream;
            if (subscription != null) {
                try {
                    subscription.cancel();
                } catch (RuntimeException | LinkageError | StackOverflowError ignored) {
                    // the plugin is broken already; the error below says how
                }
            }
            if (terminated.compareAndSet(false, true)) {
                if (subscription == null) {
                    actual.onSubscribe(Operators.emptySubscription()); // the protocol: onSubscribe before onError
                }
                actual.onError(failure(error));
            }
        }
    }
}
