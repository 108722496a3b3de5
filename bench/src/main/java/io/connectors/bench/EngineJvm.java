package io.connectors.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.connectors.api.source.Filtering;
import io.connectors.core.config.ConnectorsConfig;
import io.connectors.core.json.Json;
import io.connectors.core.runtime.SyncFactory;
import io.connectors.core.sink.elasticsearch.BulkSettings;
import io.connectors.core.sink.elasticsearch.ElasticsearchSink;
import io.connectors.core.sync.SyncEngine;
import io.connectors.core.sync.SyncProgress;
import io.connectors.core.sync.SyncReport;
import io.connectors.core.sync.SyncSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import reactor.core.publisher.Mono;

/**
 * Phases 1 to 4 in a JVM of their own, started by {@link Bench} with the daemon's heap cap ({@code -Xmx256m} by
 * default): the memory figures are then the engine's alone, and a sync that needed more heap than the cap fails the
 * run with an OutOfMemoryError instead of passing unnoticed. The raw runs bracket the full sync, back to back, since
 * the load of a shared machine drifts within minutes. Writes its results as JSON to {@code out}; exits 3 when a
 * count check fails, 4 on an error.
 *
 * <ol>
 *   <li>serializes the corpus for the raw runs (untimed);</li>
 *   <li>warm-up (not reported): a raw run, a full sync and a no-op resync of a small corpus into scratch indices, so
 *       neither this JVM's JIT nor the node's pays inside a measurement;</li>
 *   <li>phase 1: raw {@code _bulk} of the corpus into an empty index;</li>
 *   <li>phase 2: a full sync of the corpus into an empty index;</li>
 *   <li>phase 1 again: the raw run once more, right after;</li>
 *   <li>phase 3: a no-op resync (nothing changed), which must write and download nothing;</li>
 *   <li>phase 4a: change round 1 (1 % updated, 0.5 % deleted), then a full sync (reads ids, diffs, writes the difference);</li>
 *   <li>phase 4b: change round 2, then an incremental sync from the cursor phase 4a left;</li>
 *   <li>the sweep: raw runs over a few batch sizes and concurrencies.</li>
 * </ol>
 */
public final class EngineJvm {

    static final String RAW_INDEX = "bench-raw";
    static final String SYNC_INDEX = "bench-sync";
    static final String SWEEP_INDEX = "bench-sweep";

    private final Map<String, String> args;
    private final Es es;
    private final long esPid;
    private final Corpus corpus;
    private final BulkSettings bulk;
    private final SyncSettings sync;
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final List<Map<String, Object>> phases = new ArrayList<>();
    private final List<Map<String, Object>> raws = new ArrayList<>();

    private EngineJvm(Map<String, String> args) {
        this.args = args;
        this.es = new Es(args.get("es"));
        this.esPid = Long.parseLong(args.getOrDefault("es.pid", "-1"));
        this.corpus = new Corpus(Integer.parseInt(args.get("docs")), Long.parseLong(args.get("seed")));
        ConnectorsConfig defaults = ConnectorsConfig.defaults();
        BulkSettings configured = SyncFactory.bulkSettings(defaults.elasticsearch().bulk());
        this.bulk = new BulkSettings(integer("chunk.size"), Long.parseLong(args.get("chunk.bytes")), integer("max.concurrency"),
                configured.maxRetries(), Duration.ofMillis(500), !"false".equals(args.get("bulk.load.settings")));
        this.sync = SyncFactory.syncSettings(defaults, 0).withConcurrentDownloads(integer("downloads"));
        results.put("raw", raws);
        results.put("phases", phases);
    }

    /** Arguments: {@code key=value} pairs (see {@code Bench.engineArguments}). */
    public static void main(String[] argv) {
        Map<String, String> args = Stream.of(argv).map(arg -> arg.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1], (a, b) -> b, LinkedHashMap::new));
        EngineJvm jvm = new EngineJvm(args);
        int status = 0;
        try {
            jvm.run();
        } catch (Check.Failed failed) {
            Bench.say("CHECK FAILED in the engine JVM: " + failed.getMessage());
            jvm.results.put("failure", failed.getMessage());
            status = 3;
        } catch (IOException | RuntimeException | Error e) {
            Bench.say("the engine JVM failed: " + e);
            e.printStackTrace(System.out);
            jvm.results.put("failure", e.toString());
            status = 4;
        } finally {
            try {
                jvm.writeResults();
            } catch (IOException e) {
                Bench.say("cannot write the engine JVM's results: " + e);
                status = Math.max(status, 4);
            }
            jvm.es.close();
        }
        System.exit(status);
    }

    private int integer(String key) {
        return Integer.parseInt(args.get(key));
    }

    private void run() throws IOException {
        Path scratch = Path.of(args.get("out")).getParent();
        int n = corpus.size();
        try (RawBulk raw = RawBulk.prepare(corpus, scratch.resolve("raw-" + n + ".ndjson"), Json.mapper())) {
            results.put("average_document_json_bytes", raw.averageJsonBytes());
            Bench.say(String.format(Locale.ROOT, "1 raw: corpus of %,d documents serialized, %.0f bytes of JSON each on average",
                    n, raw.averageJsonBytes()));
            warmUp(raw);

            // raw, full, raw, full, ..., raw: each full sync between two raw runs of the same minutes
            int repeats = Math.max(1, integer("repeats"));
            raws.add(raw(raw, "1 raw _bulk ceiling, run 1"));
            Map<String, JsonNode> rawSample = es.sources(RAW_INDEX, sampleIds());
            es.delete(RAW_INDEX);
            for (int run = 1; run <= repeats; run++) {
                fullSync(run, repeats);
                raws.add(raw(raw, "1 raw _bulk ceiling, run " + (run + 1)));
                es.delete(RAW_INDEX);
            }
            phases3and4(repeats);
            sameDocuments(rawSample);
            results.put("sweep", sweep(raw));
        }
    }

    // ---------------------------------------------------------------- phase 1

    private Map<String, Object> raw(RawBulk raw, String label) {
        es.delete(RAW_INDEX);
        es.createContentIndex(RAW_INDEX, true);
        int n = corpus.size();
        long esCpu = esPid > 0 ? Proc.cpuNanos(esPid).orElse(-1) : -1;
        long selfCpu = Proc.cpuNanos(Proc.selfPid()).orElse(-1);
        RawBulk.Result result = raw.send(es.client(), RAW_INDEX, n, bulk.chunkSize(), bulk.chunkMaxBytes(), bulk.maxConcurrency(), label);
        double seconds = result.duration().toNanos() / 1e9;
        double esSeconds = esCpu < 0 ? -1 : (Proc.cpuNanos(esPid).orElse(-1) - esCpu) / 1e9;
        double selfSeconds = selfCpu < 0 ? -1 : (Proc.cpuNanos(Proc.selfPid()).orElse(-1) - selfCpu) / 1e9;
        Check.equal(label + ": documents in " + RAW_INDEX, n, es.count(RAW_INDEX));
        Bench.say(String.format(Locale.ROOT, "%s: %,d documents in %.2f s = %s (%d requests; Elasticsearch used %s cores)",
                label, n, seconds, Report.rate(result.docsPerSecond()), result.batches(), Report.cores(esSeconds, seconds)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("label", label);
        out.put("seconds", seconds);
        out.put("docs_per_second", result.docsPerSecond());
        out.put("requests", result.batches());
        out.put("request_bytes", result.requestBytes());
        out.put("es_cpu_seconds", esSeconds);
        out.put("sender_cpu_seconds", selfSeconds);
        return out;
    }

    /** The raw ceiling over a few batch sizes and concurrencies, each into a fresh index. */
    private List<Map<String, Object>> sweep(RawBulk raw) {
        List<Map<String, Object>> points = new ArrayList<>();
        int docs = Math.min(integer("sweep.docs"), corpus.size());
        if (docs <= 0) {
            return points;
        }
        int[][] grid = {{250, 5}, {500, 1}, {500, 2}, {500, 5}, {500, 8}, {1000, 2}, {1000, 5}, {2000, 2}, {2000, 5}, {4000, 2}};
        for (int[] point : grid) {
            es.delete(SWEEP_INDEX);
            es.createContentIndex(SWEEP_INDEX, true);
            // batches by count alone (a 64 MiB byte bound): the count is the variable
            RawBulk.Result result = raw.send(es.client(), SWEEP_INDEX, docs, point[0], 64L << 20, point[1],
                    "1 sweep " + point[0] + " docs x " + point[1] + " in flight");
            Check.equal("sweep point: documents in " + SWEEP_INDEX, docs, es.count(SWEEP_INDEX));
            Bench.say(String.format(Locale.ROOT, "1 sweep: %d docs per request, %d in flight: %s", point[0], point[1],
                    Report.rate(result.docsPerSecond())));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("docs_per_request", point[0]);
            out.put("in_flight", point[1]);
            out.put("documents", docs);
            out.put("docs_per_second", result.docsPerSecond());
            points.add(out);
        }
        es.delete(SWEEP_INDEX);
        return points;
    }

    private List<String> sampleIds() {
        int n = corpus.size();
        TreeSet<Integer> numbers = new TreeSet<>(List.of(0, 1, 2, 11, 21, n - 1));
        for (int i = 0; i < 40; i++) {
            numbers.add((int) ((long) n * i / 40));
        }
        return numbers.stream().map(Corpus::id).toList();
    }

    /** The raw runs and the engine wrote the same documents: the sampled ids the change rounds left alone are equal. */
    private void sameDocuments(Map<String, JsonNode> rawSample) {
        List<String> untouched = new ArrayList<>();
        for (String id : rawSample.keySet()) {
            int number = Integer.parseInt(id.substring("issue-".length()));
            if (Corpus.revision(number, 2) == 1 && !Corpus.deleted(number, 2)) {
                untouched.add(id);
            }
        }
        Map<String, JsonNode> synced = es.sources(SYNC_INDEX, untouched);
        for (String id : untouched) {
            Check.isTrue("document " + id + " differs between the raw run and the engine:\n raw:    " + rawSample.get(id)
                    + "\n engine: " + synced.get(id), rawSample.get(id).equals(synced.get(id)));
        }
        Check.isTrue("no document to compare between the raw run and the engine", !untouched.isEmpty());
        results.put("same_documents_compared", untouched.size());
        Bench.say("1/2: the raw runs and the engine wrote the same documents (" + untouched.size() + " compared)");
    }

    // ---------------------------------------------------------------- phases 2 to 4

    /** Phase 3, run {@code run} of {@code runs}: a full sync that finds nothing changed. */
    private void noop(int run, int runs) {
        int n = corpus.size();
        BenchSource noop = new BenchSource(corpus, 0);
        String name = runs == 1 ? "no-op resync" : "no-op resync, run " + run + " of " + runs;
        phase("3", name, noop, engine -> engine.full(noop), report -> {
            Check.isTrue("phase 3 completed: " + report.summary(), report.completed());
            Check.equal("phase 3 upserts", 0, report.indexed());
            Check.equal("phase 3 deletes", 0, report.deleted());
            Check.equal("phase 3 unchanged", n, report.unchanged());
            Check.equal("phase 3 attachment downloads", 0, noop.downloads());
            Check.equal("phase 3 documents in " + SYNC_INDEX, n, es.count(SYNC_INDEX));
        });
    }

    /** Phase 2, run {@code run} of {@code runs}: a full sync into an empty index. */
    private void fullSync(int run, int runs) {
        int n = corpus.size();
        long attachments = (n + 8) / 10; // numbers 1, 11, 21, ... below n
        es.delete(SYNC_INDEX);
        BenchSource source = new BenchSource(corpus, 0);
        String name = runs == 1 ? "full sync into an empty index" : "full sync into an empty index, run " + run + " of " + runs;
        phase("2", name, source, engine -> engine.full(source), report -> {
            Check.isTrue("phase 2 completed: " + report.summary(), report.completed());
            Check.equal("phase 2 created", n, report.created());
            Check.equal("phase 2 failed items", 0, report.failed());
            Check.equal("phase 2 attachments downloaded", attachments, source.downloads());
            Check.equal("phase 2 documents in " + SYNC_INDEX, n, es.count(SYNC_INDEX));
        });
    }

    private void phases3and4(int repeats) {
        int n = corpus.size();
        for (int run = 1; run <= repeats; run++) {
            noop(run, repeats);
        }
        BenchSource changed = new BenchSource(corpus, 1);
        long changed1 = corpus.changedIn(1).count();
        long deleted1 = corpus.deletedIn(1).count();
        long downloads1 = corpus.changedIn(1).filter(Corpus::hasAttachment).count();
        Map<String, Object> cursor = new LinkedHashMap<>();
        phase("4a", "full sync with diff (round 1)", changed, engine -> engine.full(changed), report -> {
            Check.isTrue("phase 4a completed: " + report.summary(), report.completed());
            Check.equal("phase 4a updated", changed1, report.updated());
            Check.equal("phase 4a created", 0, report.created());
            Check.equal("phase 4a deleted", deleted1, report.deleted());
            Check.equal("phase 4a attachment downloads", downloads1, changed.downloads());
            Check.equal("phase 4a documents in " + SYNC_INDEX, corpus.liveCount(1), es.count(SYNC_INDEX));
            Check.equal("phase 4a documents at revision 2", corpus.withRevision(2, 1), es.countTerm(SYNC_INDEX, "revision", 2));
            cursor.putAll(report.cursor());
        });

        BenchSource incremental = new BenchSource(corpus, 2);
        long changed2 = corpus.changedIn(2).count();
        long deleted2 = corpus.deletedIn(2).count();
        long downloads2 = corpus.changedIn(2).filter(Corpus::hasAttachment).count();
        Check.equal("phase 4a left the cursor of round 1", 1, ((Number) cursor.getOrDefault(BenchSource.CURSOR_KEY, -1)).longValue());
        phase("4b", "incremental from the cursor (round 2)", incremental,
                engine -> engine.incremental(incremental, Map.copyOf(cursor)), report -> {
            Check.isTrue("phase 4b completed: " + report.summary(), report.completed());
            Check.equal("phase 4b upserted", changed2, report.indexed());
            Check.equal("phase 4b deleted", deleted2, report.deleted());
            Check.equal("phase 4b attachment downloads", downloads2, incremental.downloads());
            Check.equal("phase 4b documents in " + SYNC_INDEX, corpus.liveCount(2), es.count(SYNC_INDEX));
            Check.equal("phase 4b documents at revision 3", corpus.withRevision(3, 2), es.countTerm(SYNC_INDEX, "revision", 3));
        });
    }

    /** A small raw run, full sync and no-op resync, so phase 1 and 2 pay neither for class loading nor for JIT compilation. */
    private void warmUp(RawBulk raw) {
        int docs = Math.min(Integer.parseInt(args.getOrDefault("warmup", "0")), corpus.size());
        if (docs <= 0) {
            return;
        }
        String scratch = SYNC_INDEX + "-warmup";
        es.delete(scratch);
        es.createContentIndex(scratch, true);
        raw.send(es.client(), scratch, docs, bulk.chunkSize(), bulk.chunkMaxBytes(), bulk.maxConcurrency(), "warm-up raw");
        es.delete(scratch);
        Corpus small = new Corpus(docs, corpus.seed() + 1);
        for (int i = 0; i < 2; i++) {
            Engines engines = new Engines(scratch);
            try (Progress progress = Progress.of("warm-up sync " + (i + 1), engines.progress::seen, docs)) {
                SyncReport report = engines.full(new BenchSource(small, 0)).block(phaseTimeout());
                Check.isTrue("warm-up sync completed: " + report.summary(), report.completed());
            }
        }
        es.delete(scratch);
    }

    private interface Verification {
        void verify(SyncReport report);
    }

    private void phase(String id, String name, BenchSource source, Function<Engines, Mono<SyncReport>> sync, Verification verification) {
        Engines engines = new Engines(SYNC_INDEX);
        System.gc(); // each phase starts from what the previous one left alive, not from its garbage
        long cpu = Proc.cpuNanos(Proc.selfPid()).orElse(-1);
        long esCpu = esPid > 0 ? Proc.cpuNanos(esPid).orElse(-1) : -1;
        MemoryMeter meter = MemoryMeter.start();
        long start = System.nanoTime();
        SyncReport report;
        try (Progress progress = Progress.of(id + " " + name, engines.progress::seen, source.round() == 2 ? 0 : corpus.size())) {
            report = sync.apply(engines).block(phaseTimeout());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        MemoryMeter.Usage memory = meter.stop();
        long cpuUsed = cpu < 0 ? -1 : Proc.cpuNanos(Proc.selfPid()).orElse(-1) - cpu;
        long esCpuUsed = esCpu < 0 ? -1 : Proc.cpuNanos(esPid).orElse(-1) - esCpu;
        long[] existing = engines.sink.existingMemory();
        engines.sink.forget();

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("phase", id);
        result.put("name", name);
        result.put("seconds", seconds);
        result.put("created", report.created());
        result.put("updated", report.updated());
        result.put("unchanged", report.unchanged());
        result.put("deleted", report.deleted());
        result.put("failed", report.failed());
        result.put("bytes_sent", report.bytesSent());
        result.put("downloads", source.downloads());
        result.put("docs_per_second", report.docsPerSecond());
        result.put("status", report.status().name());
        result.put("summary", report.summary());
        result.put("existing_ids_bytes", existing[0]);
        result.put("existing_ids", existing[1]);
        result.put("engine_cpu_seconds", cpuUsed < 0 ? -1 : cpuUsed / 1e9);
        result.put("es_cpu_seconds", esCpuUsed < 0 ? -1 : esCpuUsed / 1e9);
        result.put("memory", memory.toMap());
        phases.add(result);
        Bench.say(String.format(Locale.ROOT, "%s %s: %.2f s; %s; heap after GC %s MiB (cap %s MiB), RSS peak %s MiB",
                id, name, seconds, report.summary(), mib(memory.heapAfterGcPeak()), mib(memory.heapCap()), mib(memory.rssPeak())));
        verification.verify(report);
    }

    /** Generous (a sync of this size takes a fraction of it), so that a hung pipeline fails the run instead of stalling it. */
    private Duration phaseTimeout() {
        return Duration.ofSeconds(120 + corpus.size() / 100);
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "?" : Long.toString(Math.round(bytes / 1048576.0));
    }

    private void writeResults() throws IOException {
        Path out = Path.of(args.get("out"));
        Files.createDirectories(out.getParent());
        Json.mapper().writer(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), results);
    }

    /** One engine, sink and progress per sync, as the daemon builds them per job. */
    private final class Engines {
        final SyncProgress progress = new SyncProgress();
        final MeasuringSink sink;
        final SyncEngine engine;

        Engines(String target) {
            this.sink = new MeasuringSink(new ElasticsearchSink(es.client(), target, bulk, Json.mapper()));
            this.engine = new SyncEngine(sink, new BenchTextExtractor(ConnectorsConfig.defaults().service().maxFileDownloadSize()), sync);
        }

        Mono<SyncReport> full(BenchSource source) {
            return engine.fullSync(source, Filtering.NONE, progress);
        }

        Mono<SyncReport> incremental(BenchSource source, Map<String, Object> cursor) {
            return engine.incrementalSync(source, cursor, Filtering.NONE, progress);
        }
    }
}
