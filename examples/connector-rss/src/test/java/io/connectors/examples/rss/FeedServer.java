package io.connectors.examples.rss;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A feed host on a free loopback port: serves what a test puts at a path ({@link #serve}), 404 elsewhere, and
 * records each request's path and {@code Authorization} header.
 */
final class FeedServer implements AutoCloseable {

    record Answer(int status, String contentType, byte[] body) {}

    record Request(String pathAndQuery, String authorization) {}

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private FeedServer(HttpServer server) {
        this.server = server;
    }

    static FeedServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FeedServer feeds = new FeedServer(server);
            server.createContext("/", exchange -> {
                String pathAndQuery = exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                feeds.requests.add(new Request(pathAndQuery, authorization == null ? "" : authorization));
                Answer answer = feeds.answers.getOrDefault(exchange.getRequestURI().getRawPath(),
                        new Answer(404, "text/plain", "no feed here".getBytes(StandardCharsets.UTF_8)));
                exchange.getResponseHeaders().set("Content-Type", answer.contentType());
                exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
                try (var out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            });
            server.start();
            return feeds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The absolute URL of {@code path} on this server. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Serves the test resource {@code feeds/<fixture>} at {@code path}. */
    FeedServer serveFixture(String path, String fixture) {
        return serve(path, 200, "application/xml", fixture(fixture));
    }

    FeedServer serve(String path, int status, String contentType, byte[] body) {
        answers.put(path, new Answer(status, contentType, body));
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    static byte[] fixture(String name) {
        try (InputStream in = FeedServer.class.getResourceAsStream("/feeds/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource feeds/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
