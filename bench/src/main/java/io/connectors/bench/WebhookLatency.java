package io.connectors.bench;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectors.api.sink.SyncKind;
import io.connectors.core.protocol.Connector;
import io.connectors.core.protocol.ConnectorStore;
import io.connectors.core.protocol.ControlIndices;
import io.connectors.core.protocol.JobStore;
import io.connectors.core.protocol.SyncJob;
import io.connectors.core.protocol.TriggerMethod;
import io.connectors.core.protocol.Versioned;
import io.connectors.ftest.jira.JiraData;
import io.connectors.ftest.jira.MockJira;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Phase 7: webhook latency, from the POST of a signed Jira webhook to the change being searchable. Its own daemon,
 * started as phase 5 starts it ({@code bin/elastic-ingest} as shipped) with {@code service.http.port} set, its own
 * {@link MockJira} (Cloud) and a connector with a {@code webhook_secret}; after a full sync, for each rate (1 and 50
 * events per second) for {@code seconds}, <b>open loop</b> (an event every 1/rate s whatever the answers do, as Jira
 * sends them): an issue's summary gets a unique marker in the mock, and the {@code jira:issue_updated} body Jira sends
 * for it is POSTed, signed, to the daemon; the send time is recorded. An observer searches the connector's index for
 * every outstanding marker at once (one {@code terms} query on {@code title} every {@link #POLL_EVERY}, never forcing
 * a refresh: what a user would see). Latency = the first search answer that holds the marker - the send time.
 *
 * <p>Issues are drawn at random, so some get a second event while the first is still queued or being fetched; the
 * daemon then fetches once and writes the newest summary (docs/webhooks.md, coalescing): an event counts as seen when
 * its own marker or a later marker of the same issue becomes searchable ("superseded"). After the last send the
 * observer goes on until every event is seen or nothing new was seen for {@link #BOUND}: what is left then is lost
 * and fails the bench; an event seen more than {@link #BOUND} after its send is counted as late (a backlog, not a
 * loss).
 */
final class WebhookLatency {

    /** How often the observer searches (one request for all outstanding markers). */
    static final Duration POLL_EVERY = Duration.ofMillis(50);
    /** Nothing new seen for this long after the last send: what is left is lost; seen later than this after its send: late. */
    static final Duration BOUND = Duration.ofSeconds(30);
    static final String SECRET = "bench-webhook-secret-not-a-real-one";
    private static final String RUN_ID = Long.toString(System.currentTimeMillis(), 36);
    private static final String MARKER_PREFIX = "whm" + RUN_ID + "s";
    private static final Pattern MARKER = Pattern.compile(MARKER_PREFIX + "(\\d+)");

    /** One rate as measured. Latencies in milliseconds; CPU in seconds; -1 where unknown. */
    record RateRun(int perSecond, double seconds, long planned, long sent, long seen, long superseded, long late, long lost,
                   Map<String, Long> non2xx, long noAnswer, double p50, double p95, double max, double mean,
                   double postP50, double postP95, double daemonCpu, long daemonRssMax, long fetches, long polls,
                   double pollRoundTripMean, double daemonLatencyMean, long daemonLatencyCount, long overflowed,
                   long coalesced, IndexWork index) {

        boolean targetMet() {
            return p95 <= 2000;
        }
    }

    /**
     * What Elasticsearch did on the connector's index during one rate (from its {@code _stats}): refreshes (the
     * daemon's, one per applied event, and any scheduled one) and merges, bulk indexing, gets, and searches (the
     * observer's among them), each with the milliseconds spent; -1 where unknown.
     */
    record IndexWork(long refreshes, long refreshMillis, long merges, long mergeMillis, long indexed, long indexMillis,
                     long gets, long getMillis, long searches, long searchMillis) {

        static IndexWork between(com.fasterxml.jackson.databind.JsonNode before, com.fasterxml.jackson.databind.JsonNode after) {
            return new IndexWork(delta(before, after, "refresh", "total"), delta(before, after, "refresh", "total_time_in_millis"),
                    delta(before, after, "merges", "total"), delta(before, after, "merges", "total_time_in_millis"),
                    delta(before, after, "indexing", "index_total"), delta(before, after, "indexing", "index_time_in_millis"),
                    delta(before, after, "get", "total"), delta(before, after, "get", "time_in_millis"),
                    delta(before, after, "search", "query_total"), delta(before, after, "search", "query_time_in_millis"));
        }

        private static long delta(com.fasterxml.jackson.databind.JsonNode before, com.fasterxml.jackson.databind.JsonNode after,
                                  String group, String field) {
            com.fasterxml.jackson.databind.JsonNode a = after.path(group).path(field);
            com.fasterxml.jackson.databind.JsonNode b = before.path(group).path(field);
            return a.isNumber() && b.isNumber() ? a.asLong() - b.asLong() : -1;
        }
    }

    /** What phase 7 measured. */
    record Result(int issues, long documents, String refreshInterval, double fullSyncSeconds, String javaOptions,
                  long daemonPeakRss, List<RateRun> rates) {}

    private final Es es;
    private final int issues;
    private final int seconds;
    private final String javaOptions;
    private final int concurrency;
    private final Path workDir;
    private final HttpClient http = HttpClient.create().responseTimeout(Duration.ofSeconds(10));

    /** @param concurrency the daemon's {@code service.http.webhook_concurrency}; 0: its default */
    WebhookLatency(Es es, int issues, int seconds, String javaOptions, int concurrency, Path workDir) {
        this.es = es;
        this.issues = issues;
        this.seconds = seconds;
        this.javaOptions = javaOptions;
        this.concurrency = concurrency;
        this.workDir = workDir;
    }

    Result run() {
        try (MockJira mock = MockJira.start(MockJira.Options.of(MockJira.Flavor.CLOUD, issues).withSeed(44))) {
            String connectorId = "bench-jira-webhooks-" + RUN_ID;
            String index = "bench-webhooks-" + connectorId;
            int port = freePort();
            Files.createDirectories(workDir);
            Path config = workDir.resolve("config.yml");
            Files.writeString(config, """
                    elasticsearch:
                      host: %s
                    service:
                      idling: 1
                      http:
                        port: %d
                    %s
                    connectors:
                      - connector_id: %s
                        service_type: jira
                    """.formatted(es.url(), port, concurrency > 0 ? "    webhook_concurrency: " + concurrency : "", connectorId));
            ControlIndices.DEFAULT.ensure(es.client()).block(Duration.ofMinutes(1));
            Process daemon = DaemonEndToEnd.startDaemon(config, workDir.resolve("daemon.log"), javaOptions, "7 webhooks");
            try {
                long expected = DaemonEndToEnd.expected(mock);
                double syncSeconds = fullSync(daemon, mock, connectorId, index, expected);
                String url = "http://127.0.0.1:" + port + "/webhooks/jira/" + connectorId;
                String metricsUrl = "http://127.0.0.1:" + port + "/metrics";
                Map<String, String> settings = es.refreshAndReplicas(index);
                String refresh = settings.get("refresh_interval") == null
                        ? "not set (Elasticsearch's default: 1s, skipped while a shard is search-idle)"
                        : settings.get("refresh_interval");
                Map<String, String> originals = new HashMap<>();
                List<String> keys = new ArrayList<>();
                for (JiraData.Issue issue : mock.data().issues()) {
                    originals.put(issue.key(), issue.summary());
                    keys.add(issue.key());
                }
                SplittableRandom random = new SplittableRandom(44);
                AtomicLong sequence = new AtomicLong();
                List<RateRun> rates = new ArrayList<>();
                for (int rate : new int[] {1, 50}) {
                    Check.isTrue("the daemon exited early; see " + workDir.resolve("daemon.log"), daemon.isAlive());
                    rates.add(rate(rate, daemon, mock, index, url, metricsUrl, keys, originals, random, sequence));
                }
                long peak = Proc.peakRss(daemon.pid()).orElse(-1);
                return new Result(issues, expected, refresh, syncSeconds, javaOptions, peak, rates);
            } finally {
                DaemonEndToEnd.stop(daemon);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The connector created (with its webhook secret) and fully synced by the daemon; the job's seconds. */
    private double fullSync(Process daemon, MockJira mock, String connectorId, String index, long expected) {
        ElasticsearchAsyncClient client = es.client();
        ConnectorStore connectors = new ConnectorStore(client, ControlIndices.DEFAULT);
        JobStore jobs = new JobStore(client, ControlIndices.DEFAULT);
        es.delete(index);
        Map<String, Object> values = DaemonEndToEnd.configuration(mock);
        values.put("webhook_secret", SECRET);
        String jobId = connectors.create(connectorId, DaemonEndToEnd.connectorDocument(index, values))
                .then(connectors.get(connectorId))
                .flatMap((Versioned<Connector> found) -> jobs.create(found, SyncKind.FULL, TriggerMethod.ON_DEMAND, Map.of()))
                .block(Duration.ofMinutes(1));
        Duration timeout = Duration.ofSeconds(180 + issues / 20L);
        long deadline = System.nanoTime() + timeout.toNanos();
        Versioned<SyncJob> job;
        AtomicLong indexed = new AtomicLong();
        try (Progress progress = Progress.of("7 webhooks: full sync first (job " + jobId + ")", indexed::get, expected)) {
            while (true) {
                Check.isTrue("the daemon exited early; see " + workDir.resolve("daemon.log"), daemon.isAlive());
                job = jobs.get(jobId).block(Duration.ofMinutes(1));
                if (job != null && job.doc().indexedDocumentCount() != null) {
                    indexed.set(job.doc().indexedDocumentCount());
                }
                if (job != null && job.doc().status() != null && job.doc().status().terminal()) {
                    break;
                }
                Check.isTrue("phase 7's full sync did not end within " + timeout, System.nanoTime() < deadline);
                DaemonEndToEnd.sleep(Duration.ofMillis(200));
            }
        }
        SyncJob done = job.doc();
        Check.isTrue("phase 7 full sync completed, was " + done.status() + (done.error() == null ? "" : ": " + done.error())
                + "; see " + workDir.resolve("daemon.log"), "completed".equals(done.status().wireName()));
        Check.equal("phase 7 documents in " + index + " after the full sync", expected, es.count(index));
        return java.time.Duration.between(java.time.Instant.parse(done.startedAt()), java.time.Instant.parse(done.completedAt()))
                .toNanos() / 1e9;
    }

    /** One rate for {@code seconds}: events sent open loop while the observer searches; then until all seen or the bound. */
    private RateRun rate(int perSecond, Process daemon, MockJira mock, String index, String url, String metricsUrl,
                         List<String> keys, Map<String, String> originals, SplittableRandom random, AtomicLong sequence) {
        long planned = (long) perSecond * seconds;
        Tracker tracker = new Tracker();
        AtomicLong rssMax = new AtomicLong(-1);
        AtomicLong polls = new AtomicLong();
        AtomicLong pollNanos = new AtomicLong();
        Map<String, Double> metricsBefore = metrics(metricsUrl);
        var statsBefore = es.indexStats(index);
        mock.resetStats();
        long cpuBefore = Proc.cpuNanos(daemon.pid()).orElse(-1);
        long start = System.nanoTime();

        Mono<Void> send = Flux.interval(Duration.ZERO, Duration.ofNanos(1_000_000_000L / perSecond))
                .take(planned)
                // the change and its event are made on the tick; the POST is not awaited before the next tick
                .flatMap(tick -> {
                    String key = keys.get(random.nextInt(keys.size()));
                    long seq = sequence.incrementAndGet();
                    String marker = MARKER_PREFIX + seq;
                    MockJira.SignedEvent event = mock.updateSummary(key, originals.get(key) + " " + marker, SECRET);
                    return post(url, event, tracker.sent(marker, key, seq));
                }, 4096)
                .then()
                .doFinally(signal -> tracker.sendingDone());
        Mono<Void> observe = Flux.interval(Duration.ZERO, POLL_EVERY)
                .onBackpressureDrop() // a tick during a search is skipped: one search in flight at a time
                .concatMap(tick -> {
                    Proc.rss(daemon.pid()).ifPresent(rss -> rssMax.accumulateAndGet(rss, Math::max));
                    List<String> markers = tracker.outstanding();
                    if (markers.isEmpty()) {
                        return Mono.just(tick);
                    }
                    long sentAt = System.nanoTime();
                    return search(index, markers).doOnNext(titles -> {
                        long now = System.nanoTime();
                        polls.incrementAndGet();
                        pollNanos.addAndGet(now - sentAt);
                        titles.forEach(title -> {
                            Matcher m = MARKER.matcher(title);
                            while (m.find()) {
                                tracker.seen(Long.parseLong(m.group(1)), now);
                            }
                        });
                    }).thenReturn(tick);
                }, 1)
                .takeUntil(tick -> tracker.finished(BOUND))
                .then();
        try (Progress progress = Progress.of("7 webhooks at " + perSecond + "/s for " + seconds + " s (seen)", tracker::seenCount, planned)) {
            // a backlog drains for as long as it makes progress: bounded by the whole phase's time-out
            Mono.when(send, observe).block(Duration.ofSeconds(seconds).plus(BOUND).plusMinutes(10));
        }
        double wall = (System.nanoTime() - start) / 1e9;
        long cpuAfter = Proc.cpuNanos(daemon.pid()).orElse(-1);
        Map<String, Double> metricsAfter = metrics(metricsUrl);
        IndexWork indexWork = IndexWork.between(statsBefore, es.indexStats(index));
        double latencyCount = metricsAfter.getOrDefault("count", 0.0) - metricsBefore.getOrDefault("count", 0.0);
        double latencySum = metricsAfter.getOrDefault("sum", 0.0) - metricsBefore.getOrDefault("sum", 0.0);

        Tracker.Figures figures = tracker.figures();
        String what = "phase 7 webhooks at " + perSecond + "/s: ";
        Check.equal(what + "events sent", planned, figures.sent());
        Check.equal(what + "events never searchable (nothing new seen for " + BOUND.toSeconds() + " s after the last send: lost)",
                0, figures.lost());
        Check.equal(what + "events seen", planned, figures.seen());
        Map<String, Object> stats = mock.stats();
        return new RateRun(perSecond, wall, planned, figures.sent(), figures.seen(), figures.superseded(), figures.late(), figures.lost(),
                figures.non2xx(), figures.noAnswer(), figures.percentile(0.50), figures.percentile(0.95),
                figures.percentile(1.0), figures.mean(), figures.postPercentile(0.50), figures.postPercentile(0.95),
                cpuBefore < 0 || cpuAfter < 0 ? -1 : (cpuAfter - cpuBefore) / 1e9, rssMax.get(),
                ((Number) stats.get("full_issues_served")).longValue(), polls.get(),
                polls.get() == 0 ? 0 : pollNanos.get() / 1e6 / polls.get(),
                latencyCount <= 0 ? -1 : latencySum * 1000 / latencyCount, (long) latencyCount,
                (long) (metricsAfter.getOrDefault("overflow", 0.0) - metricsBefore.getOrDefault("overflow", 0.0)),
                (long) (metricsAfter.getOrDefault("coalesced", 0.0) - metricsBefore.getOrDefault("coalesced", 0.0)), indexWork);
    }

    /** POSTs the event; the answer's status (or no answer) goes to the tracker. */
    private Mono<Void> post(String url, MockJira.SignedEvent event, Tracker.Event tracked) {
        return http.headers(headers -> headers.set("Content-Type", "application/json").set("X-Hub-Signature", event.signature()))
                .post().uri(url)
                .send(Mono.fromSupplier(() -> io.netty.buffer.Unpooled.wrappedBuffer(event.body())))
                .response((response, content) -> content.then(Mono.just(response.status().code())))
                .next()
                .doOnNext(status -> tracked.answered(status, System.nanoTime()))
                .onErrorResume(error -> {
                    tracked.answered(-1, System.nanoTime());
                    return Mono.empty();
                })
                .then();
    }

    /** The titles of the documents holding any of {@code markers}, as searchable now (no refresh forced). */
    private Mono<List<String>> search(String index, List<String> markers) {
        List<FieldValue> values = markers.stream().map(FieldValue::of).toList();
        return Mono.fromFuture(() -> es.client().search(s -> s.index(index)
                        .size(Math.min(markers.size(), 10_000))
                        .source(src -> src.filter(f -> f.includes("title")))
                        .query(q -> q.terms(t -> t.field("title").terms(v -> v.value(values)))), ObjectNode.class))
                .map((SearchResponse<ObjectNode> response) -> response.hits().hits().stream()
                        .map(Hit::source)
                        .filter(java.util.Objects::nonNull)
                        .map(source -> source.path("title").asText(""))
                        .toList())
                .onErrorResume(error -> Mono.just(List.of())); // a failed search is one missed poll, not a lost event
    }

    /**
     * {@code connectors_webhook_latency_seconds} count and sum from the daemon's {@code /metrics} (its own view:
     * arrival to written and refreshed), and its events answered {@code overflow} (queue full: an incremental sync
     * queued instead) and {@code coalesced}; empty when unreadable.
     */
    private Map<String, Double> metrics(String url) {
        String text = http.get().uri(url).responseContent().aggregate().asString(StandardCharsets.UTF_8)
                .onErrorResume(error -> Mono.empty())
                .blockOptional(Duration.ofSeconds(10)).orElse("");
        Map<String, Double> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("connectors_webhook_latency_seconds_count")) {
                out.put("count", Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            } else if (line.startsWith("connectors_webhook_latency_seconds_sum")) {
                out.put("sum", Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            } else if (line.startsWith("connectors_webhook_events_total")) {
                for (String outcome : new String[] {"overflow", "coalesced"}) {
                    if (line.contains("outcome=\"" + outcome + "\"")) {
                        out.merge(outcome, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
                    }
                }
            }
        }
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * The events of one rate: sent, answered, seen. Written by the sender's and the observer's threads, so its
     * methods are synchronized (a few thousand events; no contention worth an operator).
     */
    static final class Tracker {

        /** One event: its issue and sequence number (the marker), when sent, answered and first seen (0: not yet). */
        static final class Event {
            final String key;
            final long seq;
            final long sentNanos;
            volatile int status;
            volatile long answeredNanos;
            long seenNanos;
            boolean superseded;

            Event(String key, long seq, long sentNanos) {
                this.key = key;
                this.seq = seq;
                this.sentNanos = sentNanos;
            }

            void answered(int code, long at) {
                status = code;
                answeredNanos = at;
            }
        }

        /** The rate's figures once it is over. */
        record Figures(long sent, long seen, long superseded, long lost, Map<String, Long> non2xx, long noAnswer,
                       List<Double> latencies, List<Double> posts) {

            /** Seen, but more than {@link #BOUND} after being sent. */
            long late() {
                return latencies.stream().filter(ms -> ms > BOUND.toMillis()).count();
            }

            double percentile(double p) {
                return nearestRank(latencies, p);
            }

            double postPercentile(double p) {
                return nearestRank(posts, p);
            }

            double mean() {
                return latencies.stream().mapToDouble(Double::doubleValue).average().orElse(-1);
            }
        }

        private final Map<Long, Event> bySeq = new LinkedHashMap<>();
        /** issue key -> its outstanding events by sequence */
        private final Map<String, TreeMap<Long, Event>> outstanding = new HashMap<>();
        private final Map<Long, String> outstandingMarkers = new TreeMap<>();
        private boolean sendingDone;
        private long lastProgressNanos;
        private long seen;

        synchronized Event sent(String marker, String key, long seq) {
            long now = System.nanoTime();
            Event event = new Event(key, seq, now);
            bySeq.put(seq, event);
            outstanding.computeIfAbsent(key, k -> new TreeMap<>()).put(seq, event);
            outstandingMarkers.put(seq, marker);
            lastProgressNanos = now;
            return event;
        }

        synchronized void sendingDone() {
            sendingDone = true;
        }

        synchronized List<String> outstanding() {
            return List.copyOf(outstandingMarkers.values());
        }

        /** Marker {@code seq} is searchable at {@code now}: its event and the earlier ones of the same issue are seen. */
        synchronized void seen(long seq, long now) {
            Event event = bySeq.get(seq);
            if (event == null) {
                return; // a marker of an earlier rate, still in the issue's summary
            }
            TreeMap<Long, Event> events = outstanding.get(event.key);
            if (events == null) {
                return;
            }
            var earlier = events.headMap(seq, true);
            for (Event e : earlier.values()) {
                e.seenNanos = now;
                e.superseded = e.seq != seq;
                outstandingMarkers.remove(e.seq);
                this.seen++;
            }
            earlier.clear();
            lastProgressNanos = Math.max(lastProgressNanos, now);
            if (events.isEmpty()) {
                outstanding.remove(event.key);
            }
        }

        synchronized long seenCount() {
            return seen;
        }

        /** Sending is over, and every event was seen or nothing was sent or seen for {@code bound}. */
        synchronized boolean finished(Duration bound) {
            return sendingDone && (outstandingMarkers.isEmpty() || System.nanoTime() - lastProgressNanos > bound.toNanos());
        }

        synchronized Figures figures() {
            List<Double> latencies = new ArrayList<>();
            List<Double> posts = new ArrayList<>();
            Map<String, Long> non2xx = new TreeMap<>();
            long superseded = 0;
            long noAnswer = 0;
            for (Event e : bySeq.values()) {
                if (e.seenNanos > 0) {
                    latencies.add((e.seenNanos - e.sentNanos) / 1e6);
                    superseded += e.superseded ? 1 : 0;
                }
                if (e.status < 0 || e.answeredNanos == 0) {
                    noAnswer++;
                } else {
                    posts.add((e.answeredNanos - e.sentNanos) / 1e6);
                    if (e.status / 100 != 2) {
                        non2xx.merge(Integer.toString(e.status), 1L, Long::sum);
                    }
                }
            }
            return new Figures(bySeq.size(), seen, superseded, outstandingMarkers.size(), non2xx, noAnswer,
                    latencies.stream().sorted().toList(), posts.stream().sorted().toList());
        }

        private static double nearestRank(List<Double> sorted, double p) {
            if (sorted.isEmpty()) {
                return -1;
            }
            int rank = (int) Math.ceil(p * sorted.size());
            return sorted.get(Math.max(0, Math.min(sorted.size(), rank) - 1));
        }
    }
}
