package io.connectors.testkit.contract;

import io.connectors.api.source.DataSource;
import io.connectors.core.testing.InMemorySource;
import io.connectors.core.testing.SourceData;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thirty documents (every fifth with an attachment) in an in-memory store, served by {@link InMemorySource} or by
 * one of the {@link BrokenSources}. The bad credentials name a store whose ping is refused and whose stream fails,
 * as a real system answers a wrong token (or, for a source that checks credentials only in its ping, whose stream
 * serves nothing).
 */
final class InMemoryFixture implements SourceFixture {

    static final String SECRET = "in-memory-secret-5c1f9e";
    static final String BAD_SECRET = "wrong-secret-0a8d44";

    private final Class<? extends DataSource> sourceClass;
    private final SourceData data;
    private final SourceData refusing;
    private final AtomicInteger changes = new AtomicInteger();
    private final AtomicInteger additions = new AtomicInteger();
    private String secret = SECRET;

    InMemoryFixture(Class<? extends DataSource> sourceClass) {
        this(sourceClass, true);
    }

    /** {@code streamRefusesBadCredentials} false: with bad credentials only the ping fails, the stream is empty. */
    InMemoryFixture(Class<? extends DataSource> sourceClass, boolean streamRefusesBadCredentials) {
        this.sourceClass = sourceClass;
        String name = "contract-" + UUID.randomUUID();
        this.data = SourceData.create(name).generate("doc", 30, 5);
        this.refusing = SourceData.create(name + "-refusing")
                .pingError("the store refused the secret: authentication failed (injected)");
        if (streamRefusesBadCredentials) {
            refusing.failAfter(0);
        }
    }

    InMemoryFixture withSecret(String value) {
        this.secret = value;
        return this;
    }

    @Override
    public Class<? extends DataSource> sourceClass() {
        return sourceClass;
    }

    @Override
    public Map<String, Object> configuration() {
        return Map.of("store", data.name(), "secret", secret);
    }

    @Override
    public Optional<Map<String, Object>> badCredentialsConfiguration() {
        return Optional.of(Map.of("store", refusing.name(), "secret", BAD_SECRET));
    }

    @Override
    public String changeOneDocument() {
        List<String> ids = data.ids();
        String id = ids.get(changes.get() % ids.size());
        data.update(id, "v" + (2 + changes.getAndIncrement()));
        return id;
    }

    @Override
    public String deleteOneDocument() {
        String id = data.ids().getLast();
        data.remove(id);
        return id;
    }

    @Override
    public String addOneDocument() {
        String id = "added-" + additions.incrementAndGet();
        data.put(data.document(id, "v1", false));
        return id;
    }

    @Override
    public boolean incrementalSyncsReportDeletions() {
        return true;
    }
}
