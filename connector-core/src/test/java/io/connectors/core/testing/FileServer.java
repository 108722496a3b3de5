package io.connectors.core.testing;

import io.connectors.api.source.Attachment;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.ConnectionProvider;

/**
 * A loopback HTTP server that serves attachments the way a source's API does, and counts what a test must see:
 * requests, downloads in flight at once (and their maximum), bytes sent, responses cut short by the client. Socket
 * buffers are small on both ends (loopback's would otherwise grow to tens of MiB), so the bytes a server has sent are
 * close to the bytes its client has read. Files are
 * answered after an optional delay, so that downloads overlap; a generated file streams any number of bytes without
 * holding them. {@link #attachment} makes the lazy {@link Attachment} a source would hand the engine.
 */
public final class FileServer implements AutoCloseable {

    /** Small chunks: Reactor Netty pulls up to 256 of them ahead of the socket, and they count as sent. */
    private static final int CHUNK = 8 * 1024;

    private final DisposableServer server;
    private final ConnectionProvider connections = ConnectionProvider.builder("file-server-client").maxConnections(500)
            .pendingAcquireMaxCount(-1).build();
    /** Small socket buffers on both ends, as over a real network: what is in flight stays near what was read. */
    private static final int SOCKET_BUFFER = 128 * 1024;

    private final HttpClient client = HttpClient.create(connections).option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER);
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Long> generated = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger cutShort = new AtomicInteger();
    private final AtomicLong bytesSent = new AtomicLong();
    private volatile Duration delay = Duration.ZERO;

    private FileServer() {
        this.server = HttpServer.create().host("127.0.0.1").port(0)
                .childOption(ChannelOption.SO_SNDBUF, SOCKET_BUFFER)
                .handle(this::handle)
                .bindNow();
    }

    public static FileServer start() {
        return new FileServer();
    }

    /** Answers each request only after {@code delay}: downloads then overlap, and the concurrency bound shows. */
    public FileServer delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    public FileServer serve(String path, byte[] content) {
        files.put(path, content);
        return this;
    }

    /** Serves {@code size} bytes of text made while sending, chunk by chunk, with no Content-Length (chunked). */
    public FileServer serveGenerated(String path, long size) {
        generated.put(path, size);
        return this;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    /**
     * The attachment a source would build for {@code path}: nothing is requested until the content is subscribed,
     * and canceling the content closes the connection.
     */
    public Attachment attachment(String path, String filename, long declaredSize) {
        String url = url(path);
        Flux<ByteBuffer> content = Flux.defer(() -> client.get().uri(url).responseContent().asByteArray().map(ByteBuffer::wrap));
        return new Attachment(filename, declaredSize, null, content);
    }

    public int requests() {
        return requests.get();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** Responses that ended without completing: the client canceled (closed the connection) midway. */
    public int cutShort() {
        return cutShort.get();
    }

    public long bytesSent() {
        return bytesSent.get();
    }

    public void resetCounts() {
        requests.set(0);
        maxInFlight.set(0);
        cutShort.set(0);
        bytesSent.set(0);
    }

    private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        requests.incrementAndGet();
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        String path = request.path().isEmpty() ? "/" : "/" + request.path();
        Flux<ByteBuf> body;
        if (files.containsKey(path)) {
            byte[] content = files.get(path);
            response.header(HttpHeaderNames.CONTENT_LENGTH, String.valueOf(content.length));
            body = Flux.range(0, (content.length + CHUNK - 1) / CHUNK)
                    .map(i -> Unpooled.wrappedBuffer(content, i * CHUNK, Math.min(CHUNK, content.length - i * CHUNK)));
        } else if (generated.containsKey(path)) {
            long size = generated.get(path);
            byte[] chunk = new byte[CHUNK];
            java.util.Arrays.fill(chunk, (byte) 'x');
            body = Flux.range(0, (int) ((size + CHUNK - 1) / CHUNK))
                    .map(i -> Unpooled.wrappedBuffer(chunk, 0, (int) Math.min(CHUNK, size - (long) i * CHUNK)));
        } else {
            inFlight.decrementAndGet();
            return response.status(404).send();
        }
        Flux<ByteBuf> counted = body.doOnNext(buffer -> bytesSent.addAndGet(buffer.readableBytes()))
                .doFinally(signal -> {
                    if (signal != SignalType.ON_COMPLETE) {
                        cutShort.incrementAndGet();
                    }
                });
        return Mono.delay(delay)
                .then(response.send(counted).then())
                .doFinally(signal -> inFlight.decrementAndGet());
    }

    @Override
    public void close() {
        server.disposeNow();
        connections.dispose();
    }
}
