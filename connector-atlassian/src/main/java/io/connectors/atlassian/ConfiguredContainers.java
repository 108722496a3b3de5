package io.connectors.atlassian;

import io.connectors.api.ConnectorException;
import io.connectors.api.http.StatusDecision;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one rule both Atlassian sources apply to the containers a user configures (Jira projects, Confluence spaces):
 * a container the product answers 404 (or 410) for is gone. It is said on the job (a notice), skipped, and so its
 * documents are deleted by a full sync; this is the only way a container's documents disappear while the sync
 * succeeds. Any other failure stays a failure, so a source error never becomes "no data".
 *
 * @param <C> the container as the client reads it
 */
public final class ConfiguredContainers<C> {

    private static final int LOOKUP_CONCURRENCY = 4;

    private final String kind;
    private final String setting;
    private final Function<String, Mono<C>> lookup;
    private final Consumer<String> notices;

    /**
     * @param kind    what a container is, in a notice ({@code "Jira project"})
     * @param setting the configuration key that lists them ({@code "projects"})
     * @param lookup  reads one container by key; fails with the product's HTTP status
     * @param notices where the job's notices go
     */
    public ConfiguredContainers(String kind, String setting, Function<String, Mono<C>> lookup, Consumer<String> notices) {
        this.kind = kind;
        this.setting = setting;
        this.lookup = lookup;
        this.notices = notices;
    }

    /** The configured containers, in the configured order; the gone ones skipped with a notice. */
    public Flux<C> read(List<String> keys) {
        return Flux.fromIterable(keys)
                .flatMapSequential(key -> lookup.apply(key)
                        .onErrorResume(error -> AtlassianErrors.is(error, StatusDecision.NOT_FOUND), error -> gone(key, error)),
                        LOOKUP_CONCURRENCY);
    }

    /**
     * Checks that every configured container exists (for {@code validateConfig}): fails with one error naming all that
     * answer 404/410, and how to fix it ({@code "check the keys under 'projects', or that the account may browse them"});
     * any other failure of a lookup fails the check as it is.
     *
     * @param access what the account must be allowed to do with them ({@code "browse"}, {@code "view"})
     */
    public Mono<Void> checkAllExist(List<String> keys, String access) {
        return Flux.fromIterable(keys)
                .flatMapSequential(key -> lookup.apply(key).then(Mono.<String>empty())
                        .onErrorResume(error -> AtlassianErrors.is(error, StatusDecision.NOT_FOUND), error -> Mono.just(key)),
                        LOOKUP_CONCURRENCY)
                .collectList()
                .flatMap(missing -> missing.isEmpty() ? Mono.<Void>empty()
                        : Mono.error(new ConnectorException(kind + "s not found: " + String.join(", ", missing)
                                + " (check the keys under '" + setting + "', or that the account may " + access + " them)")));
    }

    /**
     * What a failed search of container {@code key} (null: not a container's search) turns into: when it failed with
     * 400, 404 or 410 and the product now answers 404 for the container itself, the container vanished during the
     * sync and the search ends empty (with the notice); otherwise the search failure, and the sync fails.
     */
    public <T> Flux<T> searchFailed(@Nullable String key, Throwable error) {
        boolean maybeGone = key != null
                && (AtlassianErrors.isStatus(error, 400) || AtlassianErrors.is(error, StatusDecision.NOT_FOUND));
        if (!maybeGone) {
            return Flux.error(error);
        }
        return lookup.apply(key)
                .flatMapMany(stillThere -> Flux.<T>error(error))
                .onErrorResume(recheck -> recheck != error && AtlassianErrors.is(recheck, StatusDecision.NOT_FOUND),
                        recheck -> gone(key, recheck));
    }

    private <T> Mono<T> gone(String key, Throwable error) {
        notices.accept(kind + " '" + key + "' was not found (" + error.getMessage() + "): it is skipped, and a"
                + " full sync deletes its documents; remove it from '" + setting + "' if that is intended");
        return Mono.empty();
    }
}
