package io.connectors.ftest.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectors.ftest.DaemonProcess;
import io.connectors.ftest.EsRest;
import io.connectors.ftest.FtestFailure;
import io.connectors.ftest.FtestOptions;
import io.connectors.ftest.Kibana;
import io.connectors.ftest.jira.Faults;
import io.connectors.ftest.jira.JiraData.Issue;
import io.connectors.ftest.jira.JiraScenario;
import io.connectors.ftest.jira.MockJira;
import io.connectors.ftest.soak.SoakReport.ResourceSample;
import io.connectors.testkit.elasticsearch.LocalElasticsearchNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code make soak}: the daemon as shipped ({@code bin/elastic-ingest}) for {@code SOAK_MINUTES} against
 * {@code SOAK_CONNECTORS} mock Jiras (one per connector) that answer 429s, 500s and no answer at all now and then,
 * whose data changes all along, with schedules every few seconds and one Elasticsearch outage in the middle (its own
 * local node, stopped and started again on the same data and port). Then the faults stop, the schedules are turned
 * off, one full sync per connector runs, and the checks: every index equals its source (ids and {@code _timestamp}),
 * no job left running or pending, VmRSS, open file descriptors and the heap after GC flat. Report in
 * {@code SOAK_OUTPUT} ({@code report.md}, {@code report.json}); exit 0 only when every check passed (1: a check
 * failed, 2: the run could not be carried out).
 */
public final class SoakRunner {

    private static final Logger log = LoggerFactory.getLogger(SoakRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FINAL_SYNC_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);

    private final SoakSettings settings;
    private final SoakReport report = new SoakReport();
    private final Random random = new Random(42);
    private final long startNanos = System.nanoTime();
    private final AtomicReference<String> phase = new AtomicReference<>("start");
    private final List<MockJira> mocks = new ArrayList<>();
    private final List<String> connectorIds = new ArrayList<>();
    private volatile double loadStarted = Double.NaN;
    private volatile double loadEnded = Double.NaN;
    private volatile EsRest es;

    private SoakRunner(SoakSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        SoakSettings settings;
        try {
            settings = SoakSettings.from(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("soak: " + e.getMessage());
            System.exit(2);
            return;
        }
        SoakRunner runner = new SoakRunner(settings);
        int exit;
        try {
            runner.run();
            exit = runner.report.passed() ? 0 : 1;
        } catch (Exception e) {
            log.error("soak: the run could not be carried out", e);
            runner.report.check("the run completed", false, e.toString());
            exit = 2;
        }
        try {
            runner.report.write(settings.output());
        } catch (IOException e) {
            System.err.println("soak: cannot write the report to " + settings.output() + ": " + e);
            exit = 2;
        }
        System.out.println(runner.report.markdown().lines().takeWhile(line -> !line.startsWith("## Samples"))
                .collect(Collectors.joining("\n")));
        System.out.println("Report: " + settings.output().resolve("report.md") + " and report.json");
        System.exit(exit);
    }

    private void run() throws Exception {
        Files.createDirectories(settings.output());
        report.figure("settings", settings.load().toSeconds() + " s of load, " + settings.connectors() + " connectors x "
                + settings.issues() + " issues (one mock Jira each), incremental every " + settings.incrementalSeconds()
                + " s, full every " + settings.fullSeconds() + " s, " + settings.concurrency() + " syncs at once, one "
                + settings.outage().toSeconds() + " s Elasticsearch outage at half time, a data change every "
                + settings.changeEvery().toSeconds() + " s");
        report.figure("machine", Runtime.getRuntime().availableProcessors() + " cores, load average at start "
                + loadAverage());
        try (LocalElasticsearchNode node = LocalElasticsearchNode.start(LocalElasticsearchNode.Settings.defaults());
             EsRest es = new EsRest(node.httpUri().toString())) {
            this.es = es;
            report.figure("elasticsearch", "own local node " + node.version() + " at " + node.httpUri());
            Kibana kibana = new Kibana(es);
            startMocks();
            try (DaemonProcess daemon = startDaemon(es.url())) {
                double daemonStarted = seconds();
                kibana.awaitControlIndices(Duration.ofSeconds(120), daemon);
                for (int i = 0; i < settings.connectors(); i++) {
                    kibana.createConnector(connectorIds.get(i), connectorDocument(i));
                }
                for (String id : connectorIds) {
                    kibana.awaitConnectorStatus(id, "connected", Duration.ofSeconds(120), daemon);
                }
                report.figure("connected", String.format(Locale.ROOT, "all %d connectors %.0f s after the daemon started",
                        settings.connectors(), seconds() - daemonStarted));
                Instant[] outage = load(node, daemon);
                finish(es, kibana, daemon, outage, daemonStarted);
            }
        } finally {
            mocks.forEach(MockJira::close);
        }
    }

    // ------------------------------------------------------------------ setup

    private void startMocks() {
        for (int i = 0; i < settings.connectors(); i++) {
            // each mock fails on its own rhythm: a 429 (Retry-After 1 s), a burst of two 500s, a request left unanswered
            Faults faults = new Faults(31 + 2 * i, 1, 47 + 2 * i, 2, Duration.ofMillis(5 + i))
                    .withTimeouts(89 + 2 * i, Duration.ofSeconds(3));
            mocks.add(MockJira.start(MockJira.Options.of(MockJira.Flavor.CLOUD, settings.issues()).withProjects(2)
                    .withSeed(1000 + i).withOversizedBytes(64 << 10).withFaults(faults)));
            connectorIds.add(String.format(Locale.ROOT, "soak-%02d", i + 1));
        }
        Faults first = mocks.getFirst().options().faults();
        report.figure("source faults", "per mock: 429 every " + first.rateLimitEvery() + "th-" + (first.rateLimitEvery() + 2 * (settings.connectors() - 1))
                + "th request, two 500s every " + first.errorBurstEvery() + "-" + (first.errorBurstEvery() + 2 * (settings.connectors() - 1))
                + " requests, no answer (connection closed after " + first.timeoutAfter().toSeconds() + " s) every "
                + first.timeoutEvery() + "th-" + (first.timeoutEvery() + 2 * (settings.connectors() - 1)) + "th, 5-"
                + (4 + settings.connectors()) + " ms latency; connectors' retry_count 5");
    }

    private DaemonProcess startDaemon(String elasticsearchUrl) throws IOException {
        StringBuilder yaml = new StringBuilder("""
                # written by the soak runner
                elasticsearch:
                  host: %s
                  bulk:
                    retry_interval: 1
                service:
                  idling: 1
                  max_concurrent_content_syncs: %d
                  job_cleanup_interval: 30
                  log_level: INFO
                connectors:
                """.formatted(elasticsearchUrl, settings.concurrency()));
        for (String id : connectorIds) {
            yaml.append("  - connector_id: ").append(id).append("\n    service_type: jira\n");
        }
        Path config = settings.output().resolve("config.yml").toAbsolutePath();
        Files.writeString(config, yaml, StandardCharsets.UTF_8);
        Path gcLog = gcLog();
        Files.deleteIfExists(gcLog);
        String javaOpts = ("-Xlog:gc:file=" + gcLog + ":uptime " + settings.daemonJavaOpts()).trim();
        Path script = checkoutRoot().resolve("bin").resolve("elastic-ingest");
        DaemonProcess daemon = DaemonProcess.exec(List.of(script.toString(), "-c", config.toString()),
                Map.of("JAVA_OPTS", javaOpts, "JAVA_HOME", System.getProperty("java.home")),
                settings.output().resolve("daemon.log").toAbsolutePath());
        report.figure("daemon", "bin/elastic-ingest -c " + config + " with JAVA_OPTS='" + javaOpts + "' (its defaults as shipped"
                + " besides), pid " + daemon.pid() + ", log " + daemon.log());
        log.info("daemon started as shipped (pid {}), log {}", daemon.pid(), daemon.log());
        return daemon;
    }

    private Path gcLog() {
        return settings.output().resolve("daemon-gc.log").toAbsolutePath();
    }

    /** The connector as Kibana writes it (see {@link JiraScenario}), with enabled schedules every few seconds. */
    private Map<String, Object> connectorDocument(int index) {
        FtestOptions options = FtestOptions.defaults("soak").withConnectorId(connectorIds.get(index)).withFaults(true);
        Map<String, Object> document = new LinkedHashMap<>(new JiraScenario(options).connectorDocument(mocks.get(index)));
        document.put("name", "soak " + connectorIds.get(index));
        document.put("scheduling", scheduling(index, true));
        return document;
    }

    private Map<String, Object> scheduling(int index, boolean enabled) {
        return Map.of("access_control", Map.of("enabled", false, "interval", "0 0 0 * * ?"),
                "full", Map.of("enabled", enabled, "interval", SoakSettings.cron(index, settings.fullSeconds())),
                "incremental", Map.of("enabled", enabled, "interval", SoakSettings.cron(index, settings.incrementalSeconds())));
    }

    // ------------------------------------------------------------------ load

    /** The load phase; returns when Elasticsearch went down and when it answered again. */
    private Instant[] load(LocalElasticsearchNode node, DaemonProcess daemon) throws Exception {
        phase.set("load");
        loadStarted = seconds();
        long loadStart = System.nanoTime();
        long loadEnd = loadStart + settings.load().toNanos();
        long restartAt = loadStart + settings.load().toNanos() / 2;
        long nextSample = 0;
        long nextChange = loadStart + settings.changeEvery().toNanos();
        Instant[] outage = new Instant[2];
        CompletableFuture<Void> restart = null;
        int changes = 0;
        JiraScenario.Admin[] admins = mocks.stream().map(mock -> new JiraScenario.Admin(mock.url())).toArray(JiraScenario.Admin[]::new);
        try {
            while (System.nanoTime() < loadEnd) {
                long now = System.nanoTime();
                if (!daemon.alive()) {
                    throw new FtestFailure("the daemon exited during the load; the end of its log:\n" + daemon.logTail(30));
                }
                if (now >= nextSample) {
                    sample(daemon);
                    nextSample = now + settings.sampleEvery().toNanos();
                }
                if (now >= nextChange) {
                    change(admins[changes % admins.length], mocks.get(changes % mocks.size()));
                    changes++;
                    nextChange = now + settings.changeEvery().toNanos();
                }
                if (restart == null && now >= restartAt) {
                    restart = CompletableFuture.runAsync(() -> {
                        phase.set("elasticsearch down");
                        log.info("soak: stopping Elasticsearch for {} s", settings.outage().toSeconds());
                        outage[0] = Instant.now();
                        node.stop();
                        sleep(settings.outage());
                        phase.set("elasticsearch starting");
                        node.startAgain();
                        outage[1] = Instant.now();
                        phase.set("load after the restart");
                        log.info("soak: Elasticsearch is back");
                    });
                }
                sleep(Duration.ofMillis(500));
            }
            if (restart != null) {
                restart.join();
            }
        } finally {
            for (JiraScenario.Admin admin : admins) {
                admin.close();
            }
        }
        loadEnded = seconds();
        report.figure("data changes during the load", changes + " (each: 2 issues updated with a comment, 1 added (every third"
                + " with an attachment), 1 deleted, on one mock in turn)");
        report.figure("elasticsearch outage", outage[0] == null ? "none (load too short)"
                : "stopped at " + outage[0] + ", answering again at " + outage[1] + " ("
                + Duration.between(outage[0], outage[1]).toSeconds() + " s down)");
        return outage;
    }

    /** Two issues updated (summary and a comment), one added, one deleted, through the mock's admin endpoints. */
    private void change(JiraScenario.Admin admin, MockJira mock) throws IOException, InterruptedException {
        List<Issue> issues = mock.data().issues();
        int n = random.nextInt(1_000_000);
        for (int k = 0; k < 2 && !issues.isEmpty(); k++) {
            Issue issue = issues.get(random.nextInt(issues.size()));
            admin.put("/_admin/issues/" + issue.key(), JSON.writeValueAsString(Map.of("summary", "soak change " + n + "-" + k,
                    "comment", "soak comment " + n + "-" + k)));
        }
        String project = mock.data().projects().get(random.nextInt(mock.data().projects().size())).key();
        admin.post("/_admin/issues", JSON.writeValueAsString(Map.of("project", project, "summary", "soak added " + n,
                "description", "added by the soak", "attachment", n % 3 == 0)));
        if (issues.size() > 2) {
            admin.delete("/_admin/issues/" + issues.get(random.nextInt(issues.size())).key());
        }
    }

    private void sample(DaemonProcess daemon) {
        long pid = daemon.pid();
        double rss = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException gone) {
            return;
        }
        long fds;
        try (var entries = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            fds = entries.count();
        } catch (IOException | RuntimeException gone) {
            return;
        }
        long open;
        try {
            open = openJobs(es).values().stream().mapToLong(Long::longValue).sum();
        } catch (RuntimeException elasticsearchDown) {
            open = -1;
        }
        report.sample(new ResourceSample(seconds(), rss, fds, open, phase.get()));
    }

    // ------------------------------------------------------------------ the end

    private void finish(EsRest es, Kibana kibana, DaemonProcess daemon, Instant[] outage, double daemonStarted) throws Exception {
        phase.set("drain");
        mocks.forEach(mock -> mock.faults(Faults.NONE));
        Map<String, Object> faultStats = new TreeMap<>();
        for (String key : List.of("requests", "injected_429", "injected_500", "injected_timeouts")) {
            faultStats.put(key, mocks.stream().mapToLong(mock -> ((Number) mock.stats().get(key)).longValue()).sum());
        }
        report.figure("mock requests during the load", faultStats);
        for (int i = 0; i < connectorIds.size(); i++) {
            ObjectNode body = JSON.createObjectNode();
            body.putObject("doc").set("scheduling", JSON.valueToTree(scheduling(i, false)));
            es.call("POST", "/" + Kibana.CONNECTORS + "/_update/" + connectorIds.get(i) + "?refresh=true&retry_on_conflict=10", body);
        }
        // the schedules are off: what is pending or running ends (or is cleaned up) on its own
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        Map<String, Long> open = openJobs(es);
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            sample(daemon);
            sleep(Duration.ofSeconds(2));
            open = openJobs(es);
        }
        report.figure("drain after the load", String.format(Locale.ROOT, "%.0f s until no job was pending or running%s",
                seconds() - loadEnded, open.isEmpty() ? "" : " (timed out, still open: " + open + ")"));

        phase.set("final full syncs");
        Map<String, String> finalJobs = new LinkedHashMap<>();
        for (String id : connectorIds) {
            finalJobs.put(id, kibana.createJob(id, "full"));
        }
        for (int i = 0; i < connectorIds.size(); i++) {
            String id = connectorIds.get(i);
            try {
                JsonNode job = kibana.awaitJob(finalJobs.get(id), FINAL_SYNC_TIMEOUT, daemon);
                report.check(id + ": final full sync completed", true, "indexed " + job.path("indexed_document_count").asLong()
                        + ", deleted " + job.path("deleted_document_count").asLong());
            } catch (FtestFailure failure) {
                report.check(id + ": final full sync completed", false, failure.getMessage());
            }
            String index = "search-" + id;
            sample(daemon);
            IndexComparison comparison = IndexComparison.compare(sourceMarkers(mocks.get(i)), indexMarkers(es, index));
            report.check(id + ": index " + index + " equals its source", comparison.equal(), comparison.summary());
        }
        sample(daemon);

        Map<String, Long> stillOpen = openJobs(es);
        report.check("no job left in_progress, pending or canceling", stillOpen.isEmpty(),
                stillOpen.isEmpty() ? "none" : stillOpen.toString());
        jobFigures(es, outage);
        resourceVerdicts(daemonStarted);

        List<String> oom = daemon.logLines("OutOfMemoryError");
        report.check("no OutOfMemoryError in the daemon's log", oom.isEmpty(), oom.isEmpty() ? "none" : oom.getFirst());
        report.figure("daemon log", daemon.logLines(" WARN ").size() + " WARN and " + daemon.logLines(" ERROR ").size()
                + " ERROR lines (" + daemon.log() + ")");
        report.figure("daemon peak RSS (VmHWM)", String.format(Locale.ROOT, "%.1f MiB", daemon.peakRssKiB() / 1024.0));
        int exit = daemon.stop(Duration.ofSeconds(20));
        report.check("the daemon exits 0 on SIGTERM after the run", exit == 0, "exit status " + exit);
    }

    /** Jobs of the soak's connectors that are not finished, counted by status. */
    private Map<String, Long> openJobs(EsRest es) {
        return jobs(es).stream().map(job -> job.path("_source").path("status").asText())
                .filter(status -> status.equals("pending") || status.equals("in_progress") || status.equals("canceling"))
                .collect(Collectors.groupingBy(status -> status, TreeMap::new, Collectors.counting()));
    }

    private List<JsonNode> jobs(EsRest es) {
        es.refresh(Kibana.JOBS);
        ObjectNode query = JSON.createObjectNode();
        var ids = query.putObject("terms").putArray("connector.id");
        connectorIds.forEach(ids::add);
        return es.scan(Kibana.JOBS, query, "created_at", List.of("status", "job_type", "trigger_method", "error", "started_at",
                "completed_at", "created_at", "indexed_document_count", "deleted_document_count", "connector.id"));
    }

    private void jobFigures(EsRest es, Instant[] outage) {
        List<JsonNode> jobs = jobs(es);
        Map<String, Map<String, Long>> byKind = new TreeMap<>();
        Map<String, Long> errors = new TreeMap<>();
        long failedOutsideOutage = 0;
        List<String> outsideErrors = new ArrayList<>();
        Map<String, Instant> firstCompletedAfterRestart = new HashMap<>();
        for (JsonNode hit : jobs) {
            JsonNode job = hit.path("_source");
            String status = job.path("status").asText();
            byKind.computeIfAbsent(job.path("job_type").asText() + " (" + job.path("trigger_method").asText() + ")", k -> new TreeMap<>())
                    .merge(status, 1L, Long::sum);
            Instant completed = instant(job.path("completed_at").asText(null));
            if (status.equals("error")) {
                String message = job.path("error").asText("");
                errors.merge(message.length() > 160 ? message.substring(0, 160) + "..." : message, 1L, Long::sum);
                boolean duringOutage = outage[0] != null && completed != null && !completed.isBefore(outage[0])
                        && !completed.isAfter(outage[1].plusSeconds(90));
                if (!duringOutage) {
                    failedOutsideOutage++;
                    outsideErrors.add(hit.path("_id").asText() + " (" + job.path("connector").path("id").asText() + "): " + message);
                }
            }
            if (status.equals("completed") && outage[1] != null && completed != null && completed.isAfter(outage[1])) {
                firstCompletedAfterRestart.merge(job.path("connector").path("id").asText(), completed, (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        report.figure("jobs by kind (trigger) and status", byKind);
        report.figure("job errors (message: count)", errors.isEmpty() ? "none" : errors);
        report.check("no job failed outside the Elasticsearch outage (+90 s)", failedOutsideOutage == 0,
                failedOutsideOutage == 0 ? "none" : failedOutsideOutage + ": " + String.join("; ", outsideErrors.subList(0, Math.min(5, outsideErrors.size()))));
        if (outage[1] != null) {
            List<String> notRecovered = connectorIds.stream().filter(id -> !firstCompletedAfterRestart.containsKey(id)).toList();
            double slowest = firstCompletedAfterRestart.values().stream()
                    .mapToDouble(at -> Duration.between(outage[1], at).toMillis() / 1000.0).max().orElse(Double.NaN);
            report.figure("recovery after the restart", String.format(Locale.ROOT,
                    "every connector's first completed job at most %.0f s after Elasticsearch answered again", slowest));
            report.check("every connector completed a job after the Elasticsearch restart", notRecovered.isEmpty(),
                    notRecovered.isEmpty() ? "all " + connectorIds.size() : "none for " + notRecovered);
        }
    }

    private void resourceVerdicts(double daemonStarted) {
        List<ResourceSample> samples = report.samples();
        double warmup = loadStarted + Math.max(60, settings.load().toSeconds() * 0.2);
        // the load only: the drain and final syncs are another workload
        List<ResourceSample> load = samples.stream().filter(s -> s.seconds() <= loadEnded).toList();
        Flatness.Verdict rss = Flatness.judge("VmRSS", "MiB", load.stream().map(s -> new Flatness.Sample(s.seconds(), s.rssMiB())).toList(),
                warmup, 0.15, 24);
        Flatness.Verdict fds = Flatness.judge("open file descriptors", "fds",
                load.stream().map(s -> new Flatness.Sample(s.seconds(), s.openFds())).toList(), warmup, 0.10, 16);
        List<Flatness.Sample> floors = GcLog.windowFloors(GcLog.read(gcLog(), daemonStarted), settings.sampleEvery().toSeconds());
        report.heapFloors(floors);
        Flatness.Verdict heap = Flatness.judge("heap after GC", "MiB", floors.stream().filter(s -> s.seconds() <= loadEnded).toList(),
                warmup, 0.25, 8);
        // a backlog that grows all along means the schedules create jobs faster than the daemon runs them
        Flatness.Verdict backlog = Flatness.judge("job backlog (pending or running)", "jobs", load.stream().filter(s -> s.openJobs() >= 0)
                .map(s -> new Flatness.Sample(s.seconds(), s.openJobs())).toList(), warmup, 0.5, 20);
        for (Flatness.Verdict verdict : List.of(rss, fds, heap, backlog)) {
            report.check(verdict.name() + " flat over the load", verdict.flat(), verdict.reason());
        }
        if (!samples.isEmpty()) {
            ResourceSample first = samples.getFirst();
            ResourceSample last = samples.getLast();
            report.figure("VmRSS start / end / peak sampled", String.format(Locale.ROOT, "%.1f / %.1f / %.1f MiB", first.rssMiB(),
                    last.rssMiB(), samples.stream().mapToDouble(ResourceSample::rssMiB).max().orElse(0)));
            report.figure("open fds start / end / max", first.openFds() + " / " + last.openFds() + " / "
                    + samples.stream().mapToLong(ResourceSample::openFds).max().orElse(0));
            List<ResourceSample> loadSamples = load.stream().filter(s -> s.openJobs() >= 0).toList();
            report.figure("jobs pending or running (backlog) during the load: max / at the end", (loadSamples.isEmpty() ? "-"
                    : loadSamples.stream().mapToLong(ResourceSample::openJobs).max().orElse(0) + " / " + loadSamples.getLast().openJobs()));
        }
        if (!floors.isEmpty()) {
            report.figure("heap after GC, lowest per sample interval: first / last / max", String.format(Locale.ROOT, "%.1f / %.1f / %.1f MiB",
                    floors.getFirst().value(), floors.getLast().value(), floors.stream().mapToDouble(Flatness.Sample::value).max().orElse(0)));
        }
    }

    // ------------------------------------------------------------------ comparisons

    private static Map<String, String> sourceMarkers(MockJira mock) {
        Map<String, String> markers = new HashMap<>();
        JiraScenario.expectedDocuments(mock.data()).forEach((id, expected) -> markers.put(id, expected.timestamp()));
        return markers;
    }

    private static Map<String, String> indexMarkers(EsRest es, String index) {
        es.refresh(index);
        Map<String, String> markers = new HashMap<>();
        for (JsonNode hit : es.scan(index, JSON.createObjectNode().set("match_all", JSON.createObjectNode()), "id", List.of("_timestamp"))) {
            JsonNode timestamp = hit.path("_source").path("_timestamp");
            markers.put(hit.path("_id").asText(), timestamp.isTextual() ? timestamp.asText() : null);
        }
        return markers;
    }

    // ------------------------------------------------------------------ plumbing

    private double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static Instant instant(String text) {
        try {
            return text == null || text.isBlank() ? null : java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FtestFailure("interrupted");
        }
    }

    /** The checkout holding {@code bin/elastic-ingest}: the working directory or one above it. */
    static Path checkoutRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("bin/elastic-ingest")) && Files.isDirectory(dir.resolve("connector-core"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no bin/elastic-ingest in " + Path.of("").toAbsolutePath() + " or above");
    }
}
