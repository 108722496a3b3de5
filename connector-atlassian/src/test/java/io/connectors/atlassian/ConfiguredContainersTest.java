package io.connectors.atlassian;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.api.ConnectorException;
import io.connectors.api.http.HttpStatusException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The gone-container rule both Atlassian sources share: only a 404 for the container itself means "gone". */
class ConfiguredContainersTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final List<String> notices = new CopyOnWriteArrayList<>();

    private static HttpStatusException status(int code) {
        return new HttpStatusException("GET", "/rest/api/2/project/X", code, "{}", null);
    }

    /** Looks keys up in {@code answers}: a value is found, a status code fails with it. */
    private ConfiguredContainers<String> containers(Map<String, Object> answers) {
        return new ConfiguredContainers<>("Jira project", "projects",
                key -> answers.get(key) instanceof Integer code ? Mono.error(status(code)) : Mono.just((String) answers.get(key)),
                notices::add);
    }

    @Test
    void read_oneAnswers404_isSkippedWithANotice_theOthersInConfiguredOrder() {
        ConfiguredContainers<String> containers = containers(Map.of("A", "project A", "GONE", 404, "B", "project B"));

        StepVerifier.create(containers.read(List.of("B", "GONE", "A")))
                .expectNext("project B", "project A").expectComplete().verify(TIMEOUT);

        assertThat(notices).singleElement().asString()
                .startsWith("Jira project 'GONE' was not found (")
                .endsWith("it is skipped, and a full sync deletes its documents; remove it from 'projects' if that is intended");
    }

    @Test
    void read_410_isGoneToo() {
        StepVerifier.create(containers(Map.of("OLD", 410)).read(List.of("OLD"))).expectComplete().verify(TIMEOUT);
        assertThat(notices).hasSize(1);
    }

    @Test
    void read_otherFailures_failTheRead_neverNoData() {
        for (int code : new int[] {401, 403, 500}) {
            StepVerifier.create(containers(Map.of("A", code)).read(List.of("A")))
                    .expectErrorSatisfies(error -> assertThat(((HttpStatusException) error).status()).isEqualTo(code))
                    .verify(TIMEOUT);
        }
        assertThat(notices).isEmpty();
    }

    @Test
    void checkAllExist_someAnswer404_oneErrorNamingThemAndTheSetting() {
        StepVerifier.create(containers(Map.of("A", "project A", "NOPE", 404, "GONE", 410)).checkAllExist(List.of("NOPE", "A", "GONE"), "browse"))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(ConnectorException.class)
                        .hasMessage("Jira projects not found: NOPE, GONE (check the keys under 'projects', or that the account may browse them)"))
                .verify(TIMEOUT);
        StepVerifier.create(containers(Map.of("A", "project A")).checkAllExist(List.of("A"), "browse")).expectComplete().verify(TIMEOUT);
        StepVerifier.create(containers(Map.of("A", 401)).checkAllExist(List.of("A"), "browse"))
                .expectError(HttpStatusException.class).verify(TIMEOUT);
        assertThat(notices).isEmpty();
    }

    @Test
    void searchFailed_containerNowAnswers404_endsEmptyWithANotice() {
        StepVerifier.create(containers(Map.of("GONE", 404)).searchFailed("GONE", status(400)))
                .expectComplete().verify(TIMEOUT);
        assertThat(notices).singleElement().asString().contains("'GONE' was not found");
    }

    @Test
    void searchFailed_containerStillThere_failsWithTheSearchError() {
        HttpStatusException searchError = status(404);

        StepVerifier.create(containers(Map.of("A", "project A")).searchFailed("A", searchError))
                .expectErrorSatisfies(error -> assertThat(error).isSameAs(searchError)).verify(TIMEOUT);
        assertThat(notices).isEmpty();
    }

    @Test
    void searchFailed_recheckFailsOtherwise_failsWithTheRecheckError() {
        StepVerifier.create(containers(Map.of("A", 500)).searchFailed("A", status(400)))
                .expectErrorSatisfies(error -> assertThat(((HttpStatusException) error).status()).isEqualTo(500))
                .verify(TIMEOUT);
        assertThat(notices).isEmpty();
    }

    @Test
    void searchFailed_notAContainersSearchOrNotA400Or404_failsWithoutARecheck() {
        AtomicInteger lookups = new AtomicInteger();
        ConfiguredContainers<String> containers = new ConfiguredContainers<>("Confluence space", "spaces",
                key -> Mono.fromCallable(() -> {
                    lookups.incrementAndGet();
                    throw status(404);
                }), notices::add);

        StepVerifier.create(containers.searchFailed(null, status(404))).expectError(HttpStatusException.class).verify(TIMEOUT);
        StepVerifier.create(containers.searchFailed("SP", status(500))).expectError(HttpStatusException.class).verify(TIMEOUT);
        StepVerifier.create(containers.searchFailed("SP", new IllegalStateException("truncated body")))
                .expectError(IllegalStateException.class).verify(TIMEOUT);

        assertThat(lookups).hasValue(0);
        assertThat(notices).isEmpty();
    }
}
