package io.connectors.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectors.api.config.ConfigSchema;
import io.connectors.api.config.SourceConfiguration;
import io.connectors.api.source.DataSource;
import io.connectors.api.source.Filtering;
import io.connectors.api.source.SourceDocument;
import io.connectors.core.runtime.RuntimeSourceContext;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * What Reactor would rethrow instead of signalling (a class missing from a plugin) becomes an error of that source,
 * so a job fails with the reason instead of running forever.
 */
class GuardedSourceTest {

    private static final String NAME = "source 'broken' (com.example.Broken, plugin broken.jar)";
    private static final SourceConfiguration NO_CONFIGURATION = ConfigSchema.of().resolve(Map.of());

    /** A method of the SPI the guard inherits would skip the plugin's own (a listing source would never list). */
    @Test
    void everyOverridableMethodOfTheSpi_isDelegated() {
        List<String> inherited = Arrays.stream(DataSource.class.getDeclaredMethods())
                .filter(method -> !Modifier.isStatic(method.getModifiers()) && !Modifier.isFinal(method.getModifiers())
                        && !Modifier.isPrivate(method.getModifiers()))
                .filter(method -> {
                    try {
                        return GuardedSource.class.getDeclaredMethod(method.getName(), method.getParameterTypes()) == null;
                    } catch (NoSuchMethodException notOverridden) {
                        return true;
                    }
                })
                .map(Method::getName)
                .toList();

        assertThat(inherited).isEmpty();
    }

    @Test
    void docs_missingClassWhileEmittingOnTheRequestingThread_failsWithTheSourceAndTheClass() {
        GuardedSource source = guard(filtering -> Flux.range(0, 5).map(i -> {
            if (i == 2) {
                throw new NoClassDefFoundError("com/example/helper/Labels");
            }
            return SourceDocument.of("doc-" + i, "r1", Map.of());
        }));

        StepVerifier.create(source.docs(Filtering.NONE))
                .expectNextCount(2)
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(PluginLoadingException.class)
                        .hasMessageContaining(NAME + " failed")
                        .hasMessageContaining("NoClassDefFoundError: com/example/helper/Labels")
                        .hasMessageContaining("missing from the plugin"))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void docs_missingClassInTheMethodItself_failsTheCallWithTheReason() {
        GuardedSource source = guard(filtering -> {
            throw new NoClassDefFoundError("com/example/helper/Labels");
        });

        assertThatThrownBy(() -> source.docs(Filtering.NONE))
                .isInstanceOf(PluginLoadingException.class)
                .hasMessageContaining(NAME)
                .hasMessageContaining("com/example/helper/Labels");
    }

    @Test
    void docs_publisherThatThrowsOnSubscribe_signalsTheErrorAfterOnSubscribe() {
        GuardedSource source = guard(filtering -> Flux.from(subscriber -> {
            throw new IncompatibleClassChangeError("com.example.Shared changed shape");
        }));

        StepVerifier.create(source.docs(Filtering.NONE))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(PluginLoadingException.class)
                        .hasMessageContaining("IncompatibleClassChangeError"))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void docs_healthySource_passesDocumentsCompletionAndCancellationThrough() {
        GuardedSource source = guard(filtering -> Flux.range(0, 3).map(i -> SourceDocument.of("doc-" + i, "r1", Map.of())));

        StepVerifier.create(source.docs(Filtering.NONE).map(SourceDocument::id))
                .expectNext("doc-0", "doc-1", "doc-2")
                .verifyComplete();
        StepVerifier.create(guard(filtering -> Flux.<SourceDocument>never()).docs(Filtering.NONE))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void docs_errorOfTheSource_reachesTheSubscriberUnchanged() {
        IllegalStateException failure = new IllegalStateException("401 from the wiki");
        GuardedSource source = guard(filtering -> Flux.error(failure));

        StepVerifier.create(source.docs(Filtering.NONE)).expectErrorMatches(error -> error == failure).verify(Duration.ofSeconds(5));
    }

    @Test
    void toString_namesServiceTypeClassAndPlugin() {
        assertThat(guard(filtering -> Flux.empty())).hasToString(NAME);
    }

    private static GuardedSource guard(Function<Filtering, Flux<SourceDocument>> docs) {
        DataSource delegate = new DataSource(NO_CONFIGURATION, RuntimeSourceContext.of("c1")) {
            @Override
            public Mono<Void> ping() {
                return Mono.empty();
            }

            @Override
            public Flux<SourceDocument> docs(Filtering filtering) {
                return docs.apply(filtering);
            }
        };
        return new GuardedSource(delegate, NAME, NO_CONFIGURATION, RuntimeSourceContext.of("c1"));
    }
}
