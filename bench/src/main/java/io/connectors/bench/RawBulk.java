package io.connectors.bench;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Cancellable;
import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.Response;
import co.elastic.clients.transport.rest5_client.low_level.ResponseListener;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectors.core.es.ElasticsearchErrors;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Phase 1, the ceiling: the corpus serialized once, before any timing, into a file of bulk lines (one action line
 * and one source line per document), then sent to {@code _bulk} as fast as the cluster takes it, with the same
 * batch bounds and requests in flight as the engine, through the same low-level client. Only the
 * {@code errors} flag and failed items come back ({@code filter_path}); nothing is parsed beyond that.
 */
final class RawBulk implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final long[] offsets;
    private final int[] jsonLengths;

    private RawBulk(Path file, long[] offsets, int[] jsonLengths) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.offsets = offsets;
        this.jsonLengths = jsonLengths;
    }

    /** Serializes revision 1 of every document of {@code corpus} into {@code file}, as the engine would write it. */
    static RawBulk prepare(Corpus corpus, Path file, ObjectMapper mapper) {
        int size = corpus.size();
        long[] offsets = new long[size + 1];
        int[] lengths = new int[size];
        AtomicLong done = new AtomicLong();
        try (Progress progress = Progress.of("1 raw: serializing the corpus", done::get, size);
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            long position = 0;
            for (int n = 0; n < size; n++) {
                offsets[n] = position;
                byte[] action = ("{\"index\":{\"_id\":\"" + Corpus.id(n) + "\"}}\n").getBytes(StandardCharsets.UTF_8);
                byte[] json = mapper.writeValueAsBytes(corpus.indexed(n, 1));
                out.write(action);
                out.write(json);
                out.write('\n');
                lengths[n] = json.length;
                position += action.length + json.length + 1;
                done.incrementAndGet();
            }
            offsets[size] = position;
            out.flush();
            return new RawBulk(file, offsets, lengths);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the serialized corpus to " + file, e);
        }
    }

    int size() {
        return jsonLengths.length;
    }

    /** Average JSON bytes of a document (its source, without the action line). */
    double averageJsonBytes() {
        long total = 0;
        for (int length : jsonLengths) {
            total += length;
        }
        return (double) total / jsonLengths.length;
    }

    /**
     * Documents {@code [from, to)} cut as the engine cuts them: at most {@code maxItems} and at most {@code maxBytes} of
     * request body (action line and document, as the sink counts them) per request.
     */
    List<int[]> batches(int documents, int maxItems, long maxBytes) {
        List<int[]> batches = new ArrayList<>();
        int start = 0;
        int items = 0;
        long bytes = 0;
        for (int n = 0; n < documents; n++) {
            long estimate = offsets[n + 1] - offsets[n];
            if (items > 0 && (items + 1 > maxItems || bytes + estimate > maxBytes)) {
                batches.add(new int[] {start, n});
                start = n;
                items = 0;
                bytes = 0;
            }
            items++;
            bytes += estimate;
        }
        if (items > 0) {
            batches.add(new int[] {start, documents});
        }
        return batches;
    }

    /** One raw run's result. */
    record Result(long documents, int batches, Duration duration, long requestBytes) {
        double docsPerSecond() {
            return documents / Math.max(duration.toNanos() / 1e9, 1e-9);
        }
    }

    /**
     * Sends the first {@code documents} documents into {@code index} (which must exist) and refreshes it; the time runs
     * from the first request to the end of the refresh.
     */
    Result send(ElasticsearchAsyncClient client, String index, int documents, int maxItems, long maxBytes, int concurrency,
                String label) {
        Rest5Client rest = ((Rest5ClientTransport) client._transport()).restClient();
        List<int[]> batches = batches(documents, maxItems, maxBytes);
        AtomicLong sent = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        long start = System.nanoTime();
        try (Progress progress = Progress.of(label, sent::get, documents)) {
            Flux.fromIterable(batches)
                    .flatMap(batch -> Mono.fromCallable(() -> read(batch[0], batch[1]))
                            .subscribeOn(Schedulers.boundedElastic())
                            .flatMap(body -> bulk(rest, index, body)
                                    .retryWhen(Retry.backoff(10, Duration.ofMillis(100)).filter(ElasticsearchErrors::retriable))
                                    .doOnSuccess(done -> {
                                        sent.addAndGet(batch[1] - batch[0]);
                                        bytes.addAndGet(body.length);
                                    })), concurrency)
                    .then(Mono.fromFuture(() -> client.indices().refresh(r -> r.index(index))))
                    .block(Duration.ofSeconds(120 + documents / 100));
        }
        return new Result(documents, batches.size(), Duration.ofNanos(System.nanoTime() - start), bytes.get());
    }

    private byte[] read(int from, int to) throws IOException {
        long position = offsets[from];
        ByteBuffer buffer = ByteBuffer.allocate((int) (offsets[to] - position));
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of " + file);
            }
        }
        return buffer.array();
    }

    private static Mono<Void> bulk(Rest5Client rest, String index, byte[] body) {
        return Mono.create(sink -> {
            Request request = new Request("POST", "/" + index + "/_bulk");
            // nothing but the errors flag and failed items comes back
            request.addParameter("filter_path", "errors,items.*.error");
            request.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
            Cancellable call = rest.performRequestAsync(request, new ResponseListener() {
                @Override
                public void onSuccess(Response response) {
                    String text;
                    try {
                        text = new String(EntityUtils.toByteArray(response.getEntity()), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        sink.error(e);
                        return;
                    }
                    if (text.contains("\"errors\":false")) {
                        sink.success();
                    } else {
                        sink.error(new IllegalStateException("raw bulk into " + index + " had item errors: "
                                + text.substring(0, Math.min(text.length(), 500))));
                    }
                }

                @Override
                public void onFailure(Exception exception) {
                    sink.error(exception);
                }
            });
            sink.onCancel(call::cancel);
        });
    }

    @Override
    public void close() {
        try {
            channel.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temp file left in target/: harmless
        }
    }
}
