package io.connectors.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.connectors.core.json.Json;
import io.connectors.testkit.elasticsearch.LocalElasticsearchNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * {@code make bench}: on one Elasticsearch node, in one run, (1) the raw {@code _bulk} ceiling, (2) a full sync
 * through the engine, (3) a no-op resync, (4) a full sync with diff and an incremental sync after 1 % changes and
 * 0.5 % deletions, (5) the daemon process syncing the mock Jira, (6) memory; every figure beside its ratio, since
 * this machine is shared and only ratios of one run mean anything. Each phase checks its counts in Elasticsearch;
 * a wrong count exits 1. Settings: {@link BenchSettings}; the report: {@code report.md} and {@code report.json} in
 * {@code BENCH_OUT} (default {@code target/bench} under the working directory).
 */
public final class Bench {

    static final long TARGET_HEAP_BYTES = 256L << 20;
    private static final java.time.format.DateTimeFormatter CLOCK = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss");

    private final BenchSettings settings;
    private final Report report;

    Bench(BenchSettings settings) {
        this.settings = settings;
        this.report = new Report(String.format(Locale.ROOT, "make bench: %,d documents", settings.docs()));
    }

    public static void main(String[] args) {
        BenchSettings settings;
        try {
            settings = BenchSettings.fromEnvironment(System::getenv);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(new Bench(settings).run());
    }

    /** Prints one progress or result line. */
    static void say(String line) {
        System.out.println("[bench " + LocalTime.now().format(CLOCK) + "] " + line);
        System.out.flush();
    }

    Report report() {
        return report;
    }

    /** Runs every phase; 0 when every count check passed, 1 when one failed, 2 when the bench itself broke. */
    int run() {
        long start = System.nanoTime();
        int status = 0;
        LocalElasticsearchNode node = null;
        try {
            Files.createDirectories(settings.outputDir());
            String url = settings.esUrl();
            long esPid = -1;
            if (url == null) {
                say("starting a local Elasticsearch node with a " + settings.esHeap() + " heap");
                node = LocalElasticsearchNode.start(LocalElasticsearchNode.Settings.defaults()
                        .withDistributionZip(distributionZip()).withHeap(settings.esHeap()));
                url = node.httpUri().toString();
                esPid = node.pid();
            }
            try (Es es = new Es(url)) {
                new Phases(es, esPid).run();
            }
        } catch (Check.Failed failed) {
            say("CHECK FAILED: " + failed.getMessage());
            report.section("## FAILED\n" + failed.getMessage());
            report.put("failure", failed.getMessage());
            status = 1;
        } catch (IOException | RuntimeException e) {
            say("the bench failed: " + e);
            e.printStackTrace(System.out);
            report.section("## FAILED\n" + e);
            report.put("failure", e.toString());
            status = 2;
        } finally {
            if (node != null) {
                node.close();
            }
        }
        report.put("total_seconds", (System.nanoTime() - start) / 1e9);
        report.write(settings.outputDir());
        System.out.println();
        System.out.println(report.markdown());
        say("report written to " + settings.outputDir().toAbsolutePath().resolve("report.md") + " and report.json ("
                + String.format(Locale.ROOT, "%.0f s in all", (System.nanoTime() - start) / 1e9) + ")");
        return status;
    }

    /** The integ-test zip Maven resolved for this module (bench.properties), unless a system property names one. */
    private static Path distributionZip() {
        String explicit = System.getProperty("elasticsearch.distribution");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        try (InputStream in = Bench.class.getResourceAsStream("/bench.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String zip = properties.getProperty("elasticsearch.distribution", "");
                if (!zip.isBlank() && !zip.contains("${")) {
                    return Path.of(zip);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return LocalElasticsearchNode.Settings.defaults().distributionZip();
    }

    /** The phases of one run, against one cluster. */
    private final class Phases {

        private final Es es;
        private final long esPid;
        private final int docs = settings.docs();

        Phases(Es es, long esPid) {
            this.es = es;
            this.esPid = esPid;
        }

        void run() throws IOException {
            machine();
            report.put("settings", settings.describe());
            report.section("## Settings\n" + table(settings.describe()));
            Path scratch = settings.outputDir().resolve("tmp");
            Files.createDirectories(scratch);
            Map<String, Object> engine = settings.enginePhases() ? engineJvm(scratch) : Map.of();
            DaemonEndToEnd.Result e2e = settings.e2eIssues() > 0
                    ? new DaemonEndToEnd(es, esPid, settings.e2eIssues(), settings.daemonJavaOpts(),
                            Duration.ofSeconds(settings.idleSeconds()), scratch.resolve("e2e")).run()
                    : null;
            if (settings.enginePhases()) {
                summarize(engine, e2e);
            } else if (e2e != null) {
                endToEnd(e2e, -1);
            }
            if (settings.e2eIssues() > 0 && settings.webhookSeconds() > 0) {
                report.put("load_average_before_webhooks", loadAverage());
                // latency does not grow with the corpus: at most 10,000 issues, so the million-document run stays short
                webhooks(new WebhookLatency(es, Math.min(settings.e2eIssues(), 10_000), settings.webhookSeconds(), settings.daemonJavaOpts(),
                        settings.webhookConcurrency(), scratch.resolve("webhooks")).run());
            } else {
                report.row("7 webhooks: POST to searchable", "not measured (BENCH_WEBHOOK_SECONDS=0 or BENCH_E2E_ISSUES=0)", "", "", "");
            }
            report.put("load_average_at_end", loadAverage());
        }

        // ------------------------------------------------------------ phase 7

        private void webhooks(WebhookLatency.Result result) {
            String options = result.javaOptions().isBlank() ? "as shipped" : "JAVA_OPTS=" + result.javaOptions();
            List<Map<String, Object>> rates = new ArrayList<>();
            StringBuilder indexWork = new StringBuilder();
            StringBuilder md = new StringBuilder("## Webhook latency (phase 7)\n"
                    + "A daemon of its own (" + options + ", `service.http.port` set), a mock Jira Cloud of "
                    + Report.count(result.issues()) + " issues (" + Report.count(result.documents()) + " documents, full sync "
                    + Report.seconds(result.fullSyncSeconds()) + "), a connector with a `webhook_secret`. For each rate, open loop: "
                    + "an issue's summary gets a unique marker in the mock, then the signed `jira:issue_updated` body is POSTed "
                    + "to the daemon; latency = first search answer holding the marker (or a later marker of the same issue: "
                    + "superseded, coalesced by the daemon) - the POST's send time; overflowed = answered 202 with the queue "
                    + "full, an incremental sync queued instead (those events become searchable through that sync); late = seen more than " + WebhookLatency.BOUND.toSeconds()
                    + " s after its send. The observer sends one `terms` search for "
                    + "all outstanding markers every " + WebhookLatency.POLL_EVERY.toMillis() + " ms and never refreshes; "
                    + "resolution: latencies are upper bounds by up to the poll period plus one search round trip. The index's "
                    + "`refresh_interval`: " + result.refreshInterval() + "; the daemon refreshes the index after each applied "
                    + "event (`ElasticsearchSink.commit`), which is what makes a change searchable. Lost = never seen: nothing new "
                    + "was seen for " + WebhookLatency.BOUND.toSeconds() + " s after the last send (fails the bench).\n\n"
                    + "| rate | sent | seen (superseded) | late | lost | non-2xx | no answer | p50 | p95 | max | mean | POST answered p50 / p95 "
                    + "| daemon's own mean (arrival to refreshed, `/metrics`) | coalesced / overflowed (`/metrics`) | issues fetched | daemon CPU s (cores) | daemon RSS max | searches (mean round trip) |\n"
                    + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (WebhookLatency.RateRun rate : result.rates()) {
                String non2xx = rate.non2xx().isEmpty() ? "0" : rate.non2xx().toString();
                report.row("7 webhooks at " + rate.perSecond() + "/s for " + settings.webhookSeconds() + " s: POST to searchable (" + Report.count(rate.sent()) + " events over " + Report.count(result.issues()) + " issues)",
                        String.format(Locale.ROOT, "p50 %.0f ms, p95 %.0f ms, max %.0f ms; %d sent, %d seen (%d superseded, %d late), %d lost, non-2xx %s; daemon %.1f CPU s, RSS max %s",
                                rate.p50(), rate.p95(), rate.max(), rate.sent(), rate.seen(), rate.superseded(), rate.late(), rate.lost(), non2xx,
                                rate.daemonCpu(), Report.mib(rate.daemonRssMax())),
                        String.format(Locale.ROOT, "resolution <= %d ms + %.0f ms search", WebhookLatency.POLL_EVERY.toMillis(), rate.pollRoundTripMean()),
                        rate.perSecond() >= 50 ? "p95 <= 2 s at 50/s; none lost" : "none lost",
                        (rate.lost() == 0 ? "none lost" : "LOST") + (rate.perSecond() >= 50 ? (rate.targetMet() ? "; p95 met" : "; p95 missed") : ""));
                md.append(String.format(Locale.ROOT, "| %d/s | %d | %d (%d) | %d | %d | %s | %d | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f / %.0f ms | %s | %d / %d | %d | %.1f (%s) | %s | %d (%.1f ms) |%n",
                        rate.perSecond(), rate.sent(), rate.seen(), rate.superseded(), rate.late(), rate.lost(), non2xx, rate.noAnswer(),
                        rate.p50(), rate.p95(), rate.max(), rate.mean(), rate.postP50(), rate.postP95(),
                        rate.daemonLatencyMean() < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f ms (%d applied)", rate.daemonLatencyMean(), rate.daemonLatencyCount()),
                        rate.coalesced(), rate.overflowed(), rate.fetches(), rate.daemonCpu(), Report.cores(rate.daemonCpu(), rate.seconds()), Report.mib(rate.daemonRssMax()),
                        rate.polls(), rate.pollRoundTripMean()));
                WebhookLatency.IndexWork work = rate.index();
                indexWork.append(String.format(Locale.ROOT, "| %d/s | %d (%d ms) | %d (%d ms) | %d (%d ms) | %d (%d ms) | %d (%d ms) |%n",
                        rate.perSecond(), work.refreshes(), work.refreshMillis(), work.merges(), work.mergeMillis(),
                        work.indexed(), work.indexMillis(), work.gets(), work.getMillis(), work.searches(), work.searchMillis()));
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("events_per_second", rate.perSecond());
                json.put("seconds", rate.seconds());
                json.put("planned", rate.planned());
                json.put("sent", rate.sent());
                json.put("seen", rate.seen());
                json.put("superseded", rate.superseded());
                json.put("late", rate.late());
                json.put("lost", rate.lost());
                json.put("non_2xx", rate.non2xx());
                json.put("no_answer", rate.noAnswer());
                json.put("latency_p50_ms", rate.p50());
                json.put("latency_p95_ms", rate.p95());
                json.put("latency_max_ms", rate.max());
                json.put("latency_mean_ms", rate.mean());
                json.put("post_answered_p50_ms", rate.postP50());
                json.put("post_answered_p95_ms", rate.postP95());
                json.put("daemon_latency_mean_ms", rate.daemonLatencyMean());
                json.put("daemon_events_applied", rate.daemonLatencyCount());
                json.put("issues_fetched", rate.fetches());
                json.put("coalesced", rate.coalesced());
                json.put("overflowed_to_incremental_sync", rate.overflowed());
                json.put("daemon_cpu_seconds", rate.daemonCpu());
                json.put("daemon_rss_max_bytes", rate.daemonRssMax());
                json.put("searches", rate.polls());
                json.put("search_round_trip_mean_ms", rate.pollRoundTripMean());
                json.put("p95_target_met", rate.perSecond() < 50 ? null : rate.targetMet());
                json.put("index_work", Map.of("refreshes", work.refreshes(), "refresh_millis", work.refreshMillis(),
                        "merges", work.merges(), "merge_millis", work.mergeMillis(), "indexed", work.indexed(),
                        "index_millis", work.indexMillis(), "gets", work.gets(), "get_millis", work.getMillis(),
                        "searches", work.searches(), "search_millis", work.searchMillis()));
                rates.add(json);
            }
            md.append("\nWhat Elasticsearch did on the connector's index during each rate (`_stats`, primaries; searches include "
                    + "the observer's; a refresh per applied event is the daemon's `_refresh`):\n\n"
                    + "| rate | refreshes (time) | merges (time) | documents indexed (time) | gets (time) | searches (time) |\n"
                    + "|---|---|---|---|---|---|\n").append(indexWork);
            report.section(md.toString());
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("issues", result.issues());
            json.put("documents", result.documents());
            json.put("full_sync_seconds", result.fullSyncSeconds());
            json.put("daemon_jvm_options", result.javaOptions());
            json.put("index_refresh_interval", result.refreshInterval());
            json.put("poll_every_ms", WebhookLatency.POLL_EVERY.toMillis());
            json.put("lost_bound_seconds", WebhookLatency.BOUND.toSeconds());
            json.put("daemon_peak_rss_bytes", result.daemonPeakRss());
            json.put("rates", rates);
            report.put("webhooks", json);
        }

        private void machine() {
            Map<String, Object> machine = new LinkedHashMap<>();
            machine.put("cores", Runtime.getRuntime().availableProcessors());
            machine.put("cpu", Proc.cpuModel());
            machine.put("memory", Report.mib(Proc.memTotal().orElse(-1)));
            machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
            machine.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
            machine.put("elasticsearch", es.version() + (settings.esUrl() == null
                    ? " (local node, heap " + settings.esHeap() + ", pid " + esPid + ")" : " at " + settings.esUrl()));
            machine.put("load_average_at_start", loadAverage());
            machine.put("started_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            report.put("machine", machine);
            report.section("## Machine\n" + table(machine));
            say("machine: " + machine);
        }

        // ------------------------------------------------------------ phases 2 to 4

        private Map<String, Object> engineJvm(Path scratch) throws IOException {
            Path out = scratch.resolve("engine-results.json");
            Files.deleteIfExists(out);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(List.of(settings.engineJavaOpts().strip().split("\\s+")));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), EngineJvm.class.getName()));
            command.addAll(engineArguments(out));
            say("1-4: starting the engine JVM (" + settings.engineJavaOpts() + ")");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            int exit;
            // its lines go through this JVM's System.out (a test runner captures that, not the inherited descriptor)
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8))) {
                lines.lines().forEach(System.out::println);
                exit = process.waitFor();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the engine JVM ran", e);
            }
            Map<String, Object> results = Files.exists(out)
                    ? Json.mapper().readValue(out.toFile(), new TypeReference<Map<String, Object>>() {})
                    : Map.of();
            report.put("engine_jvm", results);
            Check.isTrue("the engine JVM exited with " + exit + " (3: a count check failed, 4: an error; see above)", exit == 0);
            Check.equal("raw runs reported", settings.repeats() + 1, list(results, "raw").size());
            Check.equal("engine phases reported", 2 * settings.repeats() + 2, list(results, "phases").size());
            return results;
        }

        private List<String> engineArguments(Path out) {
            return List.of("es=" + es.url(), "es.pid=" + esPid, "docs=" + docs, "seed=" + settings.seed(),
                    "chunk.size=" + settings.chunkSize(), "chunk.bytes=" + settings.chunkMaxBytes(),
                    "max.concurrency=" + settings.maxConcurrency(), "downloads=" + settings.concurrentDownloads(),
                    "bulk.load.settings=" + settings.bulkLoadSettings(), "warmup=" + Math.min(settings.warmupDocs(), docs),
                    "repeats=" + settings.repeats(),
                    "sweep.docs=" + Math.min(settings.sweepDocs(), docs), "out=" + out);
        }

        // ------------------------------------------------------------ the report

        private void summarize(Map<String, Object> engineJvm, DaemonEndToEnd.@Nullable Result e2e) {
            List<Map<String, Object>> raws = list(engineJvm, "raw");
            List<Map<String, Object>> engine = list(engineJvm, "phases");
            List<Map<String, Object>> sweep = list(engineJvm, "sweep");
            List<Map<String, Object>> fulls = engine.stream().filter(p -> "2".equals(p.get("phase"))).toList();
            List<Map<String, Object>> noops = engine.stream().filter(p -> "3".equals(p.get("phase"))).toList();
            Map<String, Object> noop = noops.get(0);
            Map<String, Object> diff = phase(engine, "4a");
            Map<String, Object> incremental = phase(engine, "4b");
            // each full sync against the mean of the raw runs just before and just after it; the median of those
            List<Double> ratios = new ArrayList<>();
            List<String> runs = new ArrayList<>();
            for (int i = 0; i < fulls.size(); i++) {
                double around = (number(raws.get(i), "docs_per_second") + number(raws.get(i + 1), "docs_per_second")) / 2;
                double rate = docs / number(fulls.get(i), "seconds");
                ratios.add(rate / around);
                runs.add(String.format(Locale.ROOT, "%s / %s = %.2f", Report.rate(rate).replace(" docs/s", ""),
                        Report.rate(around).replace(" docs/s", ""), rate / around));
            }
            double fullRatio = median(ratios);
            double fullSeconds = median(fulls.stream().map(p -> number(p, "seconds")).toList());
            double fullRate = docs / fullSeconds;
            List<Double> rawRates = raws.stream().map(p -> number(p, "docs_per_second")).toList();
            double rawRate = median(rawRates);
            double noopSeconds = median(noops.stream().map(p -> number(p, "seconds")).toList());

            report.put("average_document_json_bytes", engineJvm.get("average_document_json_bytes"));
            String bulkShape = String.format(Locale.ROOT, "%d docs / %d MiB per request, %d in flight", settings.chunkSize(),
                    settings.chunkMaxMb(), settings.maxConcurrency());
            report.row("1 raw `_bulk` ceiling (" + bulkShape + ")",
                    Report.rate(rawRate) + " (median of " + raws.size() + " runs, " + Report.rate(rawRates.stream().min(Double::compare).orElseThrow())
                            .replace(" docs/s", "") + " to " + Report.rate(rawRates.stream().max(Double::compare).orElseThrow()) + ")",
                    "1.00x", "", "");
            if (!sweep.isEmpty()) {
                Map<String, Object> best = sweep.stream().max((a, b) -> Double.compare(number(a, "docs_per_second"),
                        number(b, "docs_per_second"))).orElseThrow();
                Map<String, Object> same = sweep.stream().filter(p -> (int) number(p, "docs_per_request") == settings.chunkSize()
                        && (int) number(p, "in_flight") == settings.maxConcurrency()).findFirst().orElse(null);
                int sweepDocs = (int) number(sweep.get(0), "documents");
                report.row("1 sweep best (" + (int) number(best, "docs_per_request") + " docs x " + (int) number(best, "in_flight")
                                + " in flight, " + Report.count(sweepDocs) + " docs a point)",
                        Report.rate(number(best, "docs_per_second")),
                        same == null ? "" : Report.ratio(number(best, "docs_per_second") / number(same, "docs_per_second"))
                                + " of the engine's shape in the sweep", "", "");
                StringBuilder md = new StringBuilder("## Sweep (raw `_bulk`, a fresh index per point, " + Report.count(sweepDocs)
                        + " documents each, after phase 4)\n| docs per request | requests in flight | docs/s |\n|---|---|---|\n");
                sweep.forEach(p -> md.append("| ").append((int) number(p, "docs_per_request")).append(" | ")
                        .append((int) number(p, "in_flight")).append(" | ").append(Report.rate(number(p, "docs_per_second"))).append(" |\n"));
                report.section(md.toString());
            }

            // CPU seconds per 1,000 documents of every process involved: what a saturated machine converges to, and
            // far less sensitive to other processes' load than wall time
            double rawCpu = median(raws.stream().map(p -> cpuPerThousand(p, "sender_cpu_seconds")).toList());
            double fullCpu = median(fulls.stream().map(p -> cpuPerThousand(p, "engine_cpu_seconds")).toList());
            double engineCpu = median(fulls.stream().map(p -> number(p, "engine_cpu_seconds") * 1000 / docs).toList());
            String cpu = rawCpu > 0 && fullCpu > 0 ? String.format(Locale.ROOT,
                    "; CPU per 1,000 docs: raw %.2f s, full sync %.2f s of which the engine JVM %.2f s, a CPU-cost ratio of %.2fx",
                    rawCpu, fullCpu, engineCpu, rawCpu / fullCpu) : "";
            report.row("2 full sync through the engine", Report.rate(fullRate) + " (median " + Report.seconds(fullSeconds) + " of "
                            + fulls.size() + " runs)",
                    Report.ratio(fullRatio) + " of raw (median of " + String.join("; ", runs) + ")" + cpu, ">= 0.80x",
                    fullRatio >= 0.8 ? "met" : "missed");
            report.put("cpu_seconds_per_1000_docs", Map.of("raw", rawCpu, "full_sync", fullCpu, "engine_jvm_in_full_sync", engineCpu));
            report.put("full_sync_ratio_to_raw", fullRatio);
            report.put("full_sync_docs_per_second", fullRate);
            report.put("raw_docs_per_second", rawRate);

            long noopUpserts = noops.stream().mapToLong(p -> (long) number(p, "created") + (long) number(p, "updated")).sum();
            long noopDownloads = noops.stream().mapToLong(p -> (long) number(p, "downloads")).sum();
            double speedup = fullSeconds / noopSeconds;
            report.row("3 no-op resync", Report.seconds(noopSeconds) + (noops.size() > 1 ? " (median of " + noops.size() + " runs)" : "")
                            + ", " + noopUpserts + " upserts, " + noopDownloads + " downloads", Report.ratio(speedup) + " faster than full", ">= 10x, 0, 0",
                    speedup >= 10 && noopUpserts == 0 && noopDownloads == 0 ? "met" : "missed");

            double diffSeconds = number(diff, "seconds");
            double incrementalSeconds = number(incremental, "seconds");
            report.row("4a full sync with diff (1% changed, 0.5% deleted)", Report.seconds(diffSeconds) + " ("
                            + (long) number(diff, "updated") + " updated, " + (long) number(diff, "deleted") + " deleted)",
                    Report.ratio(fullSeconds / diffSeconds) + " faster than full", "", "");
            report.row("4b incremental from the cursor (1% changed, 0.5% deleted)", Report.seconds(incrementalSeconds) + " ("
                            + (long) number(incremental, "updated") + " upserted, " + (long) number(incremental, "deleted") + " deleted)",
                    Report.ratio(fullSeconds / incrementalSeconds) + " faster than full, "
                            + Report.ratio(diffSeconds / incrementalSeconds) + " than 4a", "", "");

            if (e2e != null) {
                endToEnd(e2e, rawRate);
            } else {
                report.row("5 end to end (daemon + mock Jira)", "not measured (BENCH_E2E_ISSUES=0)", "", "", "");
            }
            memory(fulls, noops);

            StringBuilder md = new StringBuilder("## Engine phases (engine JVM: " + settings.engineJavaOpts() + ")\n"
                    + "| phase | seconds | docs/s | created | updated | unchanged | deleted | downloads | engine cores | ES cores |\n"
                    + "|---|---|---|---|---|---|---|---|---|---|\n");
            for (Map<String, Object> phase : engine) {
                double seconds = number(phase, "seconds");
                md.append("| ").append(phase.get("phase")).append(' ').append(phase.get("name"))
                        .append(" | ").append(Report.seconds(seconds))
                        .append(" | ").append(Report.rate(number(phase, "docs_per_second")))
                        .append(" | ").append((long) number(phase, "created"))
                        .append(" | ").append((long) number(phase, "updated"))
                        .append(" | ").append((long) number(phase, "unchanged"))
                        .append(" | ").append((long) number(phase, "deleted"))
                        .append(" | ").append((long) number(phase, "downloads"))
                        .append(" | ").append(Report.cores(number(phase, "engine_cpu_seconds"), seconds))
                        .append(" | ").append(Report.cores(number(phase, "es_cpu_seconds"), seconds)).append(" |\n");
            }
            for (Map<String, Object> raw : raws) {
                md.append(String.format(Locale.ROOT, "%n%s: %s, %s; Elasticsearch used %s cores, the sending JVM %s.",
                        raw.get("label"), Report.seconds(number(raw, "seconds")), Report.rate(number(raw, "docs_per_second")),
                        Report.cores(number(raw, "es_cpu_seconds"), number(raw, "seconds")),
                        Report.cores(number(raw, "sender_cpu_seconds"), number(raw, "seconds"))));
            }
            report.section(md.toString());
        }

        private void endToEnd(DaemonEndToEnd.Result e2e, double rawRate) {
            DaemonEndToEnd.SyncRun cold = e2e.cold();
            int cores = Runtime.getRuntime().availableProcessors();
            double daemonCores = cold.daemon().total() / cold.wallSeconds();
            double esCores = cold.esCpu() < 0 ? -1 : cold.esCpu() / cold.wallSeconds();
            double mockCores = cold.mockCpu() / cold.wallSeconds();
            double sourceShare = cold.docsPerSecond() / e2e.sourceOnlyDocsPerSecond();
            double busy = daemonCores + mockCores + Math.max(esCores, 0);
            String bound;
            if (busy >= 0.85 * cores) {
                // every process of the run shares this machine's cores: the rate is what their CPU cost allows
                bound = String.format(Locale.ROOT, "CPU: the %d cores are busy (%.2f of them), the daemon takes %.0f%% of that; "
                                + "the source side alone (mock + HTTP + Tika) delivers %s, the daemon %.0f%% of that",
                        cores, busy, 100 * daemonCores / busy, Report.rate(e2e.sourceOnlyDocsPerSecond()), sourceShare * 100);
            } else if (sourceShare >= 0.75) {
                bound = String.format(Locale.ROOT, "the source side (mock Jira + HTTP + extraction): alone it delivers %s, "
                        + "the daemon reaches %.0f%% of that", Report.rate(e2e.sourceOnlyDocsPerSecond()), sourceShare * 100);
            } else if (esCores >= 0 && esCores >= 0.5 * cores) {
                bound = String.format(Locale.ROOT, "Elasticsearch (%.2f of %d cores)", esCores, cores);
            } else {
                bound = String.format(Locale.ROOT, "the daemon's pipeline: the source alone delivers %s, the daemon %.0f%% of that",
                        Report.rate(e2e.sourceOnlyDocsPerSecond()), sourceShare * 100);
            }
            String options = e2e.javaOptions().isBlank() ? "as shipped" : "JAVA_OPTS=" + e2e.javaOptions();
            report.row("5 end to end, cold: a fresh daemon (" + options + ") + mock Jira (" + Report.count(e2e.issues()) + " issues, "
                            + Report.count(e2e.attachments()) + " attachments, " + Report.count(cold.documents()) + " docs)",
                    Report.rate(cold.docsPerSecond()) + " (job " + Report.seconds(cold.jobSeconds()) + "); " + cpuFigure(cold),
                    Report.ratio(cold.docsPerSecond() / e2e.sourceOnlyDocsPerSecond()) + " of source-only",
                    "daemon <= 1.0 CPU s per 1,000 docs",
                    verdict(cold.per1000(cold.daemon().total()) <= 1.0) + "; bound: " + bound);
            DaemonEndToEnd.SyncRun warm = e2e.warm();
            report.row("5 end to end, warm: the same daemon, as much new data into a new index",
                    Report.rate(warm.docsPerSecond()) + " (job " + Report.seconds(warm.jobSeconds()) + "); " + cpuFigure(warm),
                    Report.ratio(warm.docsPerSecond() / cold.docsPerSecond()) + " of cold",
                    ">= 2x cold", verdict(warm.docsPerSecond() >= 2 * cold.docsPerSecond()));
            DaemonEndToEnd.SyncRun resync = e2e.resync();
            double timeShare = resync.jobSeconds() / cold.jobSeconds();
            double byteShare = (double) resync.bytesServed() / Math.max(cold.bytesServed(), 1);
            report.row("5 no-change full resync (light listing)",
                    Report.seconds(resync.jobSeconds()) + ", " + Report.mib(resync.bytesServed()) + " read from the source ("
                            + resync.fullIssuesServed() + " whole issues, " + resync.attachmentsServed() + " attachments); "
                            + cpuFigure(resync),
                    String.format(Locale.ROOT, "%.1f%% of the cold sync's time, %.1f%% of its %s", 100 * timeShare,
                            100 * byteShare, Report.mib(cold.bytesServed())),
                    "<= 10% time, <= 10% bytes", verdict(timeShare <= 0.10 && byteShare <= 0.10));
            report.row("5 daemon memory (" + options + ")",
                    "peak RSS " + Report.mib(e2e.peakRss()) + " (after the cold job " + Report.mib(e2e.peakRssCold())
                            + "); RSS at the end " + Report.mib(e2e.rssAtEnd()) + ", after " + Report.seconds(e2e.idleSeconds())
                            + " idle " + Report.mib(e2e.rssIdle()),
                    "", "peak RSS <= 200 MB", verdict(e2e.peakRss() <= 200L * 1000 * 1000));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("documents", cold.documents());
            json.put("issues", e2e.issues());
            json.put("attachments", e2e.attachments());
            json.put("daemon_jvm_options", e2e.javaOptions());
            json.put("cold", run(cold));
            json.put("warm", run(warm));
            json.put("no_change_resync", run(resync));
            json.put("daemon_peak_rss_bytes", e2e.peakRss());
            json.put("daemon_peak_rss_after_cold_bytes", e2e.peakRssCold());
            json.put("daemon_rss_at_end_bytes", e2e.rssAtEnd());
            json.put("daemon_rss_after_idle_bytes", e2e.rssIdle());
            json.put("idle_seconds", e2e.idleSeconds());
            json.put("source_only_docs_per_second", e2e.sourceOnlyDocsPerSecond());
            json.put("raw_bulk_docs_per_second", rawRate);
            json.put("bound", bound);
            json.put("mock_stats", e2e.mockStats());
            report.put("end_to_end", json);
        }

        private static String verdict(boolean met) {
            return met ? "met" : "missed";
        }

        /** CPU seconds per 1,000 documents of each process, and the daemon's split. */
        private static String cpuFigure(DaemonEndToEnd.SyncRun run) {
            DaemonEndToEnd.Split daemon = run.daemon();
            return String.format(Locale.ROOT, "CPU s per 1,000 docs: daemon %.2f (compiler %.2f, GC %.2f, the rest %.2f; %.1f s in all), "
                            + "mock %.2f, Elasticsearch %s",
                    run.per1000(daemon.total()), run.per1000(daemon.compiler()), run.per1000(daemon.gc()),
                    run.per1000(daemon.rest()), daemon.total(), run.per1000(run.mockCpu()),
                    run.esCpu() < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", run.per1000(run.esCpu())));
        }

        private static Map<String, Object> run(DaemonEndToEnd.SyncRun run) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("documents", run.documents());
            json.put("indexed", run.indexed());
            json.put("deleted", run.deleted());
            json.put("job_seconds", run.jobSeconds());
            json.put("wall_seconds_from_job_creation", run.wallSeconds());
            json.put("docs_per_second", run.docsPerSecond());
            json.put("daemon_cpu_seconds", run.daemon().total());
            json.put("daemon_compiler_cpu_seconds", run.daemon().compiler());
            json.put("daemon_gc_cpu_seconds", run.daemon().gc());
            json.put("daemon_other_cpu_seconds", run.daemon().rest());
            json.put("daemon_cpu_seconds_per_1000_docs", run.per1000(run.daemon().total()));
            json.put("mock_cpu_seconds", run.mockCpu());
            json.put("es_cpu_seconds", run.esCpu());
            json.put("source_bytes_served", run.bytesServed());
            json.put("source_full_issues_served", run.fullIssuesServed());
            json.put("source_attachments_served", run.attachmentsServed());
            return json;
        }

        @SuppressWarnings("unchecked")
        private void memory(List<Map<String, Object>> fulls, List<Map<String, Object>> noops) {
            Map<String, Object> fullMemory = largest(fulls);
            Map<String, Object> noopMemory = largest(noops);
            Map<String, Object> noop = noops.get(0);
            long cap = (long) number(noopMemory, "heap_cap_bytes");
            long noopLive = (long) number(noopMemory, "heap_after_gc_peak_bytes");
            report.row("6 memory of the full sync (phase 2" + (fulls.size() > 1 ? ", largest of " + fulls.size() + " runs" : "") + ")",
                    memoryFigure(fullMemory), "", "", "");
            String verdict;
            if (docs < 1_000_000) {
                verdict = "not measured at 1M here (BENCH_DOCS=1000000 make bench)";
            } else {
                verdict = cap <= TARGET_HEAP_BYTES && noopLive <= TARGET_HEAP_BYTES
                        ? "met (ran under a " + Report.mib(cap) + " heap cap)" : "missed";
            }
            report.row("6 memory of the no-op resync of " + Report.count(docs) + " docs (phase 3" + (noops.size() > 1
                            ? ", largest of " + noops.size() + " runs" : "") + ")", memoryFigure(noopMemory), "",
                    "heap <= 256 MB at 1,000,000 docs", verdict);
            long bytes = (long) number(noop, "existing_ids_bytes");
            long ids = (long) number(noop, "existing_ids");
            report.row("6 existing ids (`ExistingIds.memoryBytes()`)", String.format(Locale.ROOT, "%.1f bytes per id (%s for %s ids)",
                    ids == 0 ? 0.0 : (double) bytes / ids, Report.mib(bytes), Report.count(ids)), "", "", "");
            report.section("""
                    ## How memory is measured
                    Phases 2 to 4 run in a JVM of their own with the options above (`-Xmx256m` by default: the daemon's heap cap,
                    so a sync that needed more would fail with an OutOfMemoryError). Before each phase it runs `System.gc()`,
                    resets the peak RSS (`/proc/self/clear_refs`), and then measures: *heap after GC* = the largest heap
                    occupancy right after a collection (GC notifications: what the phase keeps alive); *heap used* = the largest
                    occupancy sampled every 10 ms or seen before a collection (garbage included, so it grows with the cap);
                    *RSS* = `VmHWM` of `/proc/self/status` at the end of the phase.""");
        }

        /** The largest of each memory figure over runs of a phase. */
        @SuppressWarnings("unchecked")
        private Map<String, Object> largest(List<Map<String, Object>> runs) {
            Map<String, Object> largest = new LinkedHashMap<>();
            for (Map<String, Object> run : runs) {
                ((Map<String, Object>) run.get("memory")).forEach((key, value) -> largest.merge(key, value,
                        (a, b) -> a instanceof Number x && b instanceof Number y ? (Object) Math.max(x.longValue(), y.longValue()) : a));
            }
            return largest;
        }

        private String memoryFigure(Map<String, Object> memory) {
            return String.format(Locale.ROOT, "heap after GC %s, heap used %s (cap %s, %d GCs, %d ms), RSS peak %s",
                    Report.mib((long) number(memory, "heap_after_gc_peak_bytes")), Report.mib((long) number(memory, "heap_used_peak_bytes")),
                    Report.mib((long) number(memory, "heap_cap_bytes")), (long) number(memory, "gc_count"),
                    (long) number(memory, "gc_millis"), Report.mib((long) number(memory, "rss_peak_bytes")));
        }
    }

    private static Map<String, Object> phase(List<Map<String, Object>> phases, String id) {
        return phases.stream().filter(p -> id.equals(p.get("phase"))).findFirst()
                .orElseThrow(() -> new Check.Failed("the engine JVM reported no phase " + id));
    }

    /** Elasticsearch's CPU plus the client's ({@code clientKey}) per 1,000 documents of a run; -1 when unknown. */
    private double cpuPerThousand(Map<String, Object> run, String clientKey) {
        double es = number(run, "es_cpu_seconds");
        double client = number(run, clientKey);
        return es < 0 || client < 0 ? -1 : (es + client) * 1000 / settings.docs();
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> map, String key) {
        return map.get(key) instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    private static double number(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value instanceof Number n ? n.doubleValue() : -1;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static String table(Map<String, Object> values) {
        StringBuilder md = new StringBuilder("| | |\n|---|---|\n");
        values.forEach((key, value) -> md.append("| ").append(key).append(" | ").append(value).append(" |\n"));
        return md.toString();
    }
}
