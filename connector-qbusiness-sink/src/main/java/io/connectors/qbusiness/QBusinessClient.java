package io.connectors.qbusiness;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpMethod;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.core.scheduler.Schedulers;
import reactor.netty.resources.ConnectionProvider;
import reactor.util.retry.Retry;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Q Business's REST-JSON API, the calls this sink makes, signed with SigV4.
 *
 * <p>Uses Reactor Netty directly rather than the {@code SinkContext}'s HTTP client: SigV4 signs each request's
 * date, host and body hash into per-request headers, and that client sends one fixed {@code Authorization} per
 * client and no other headers. Retries follow Q Business's error types ({@code X-Amzn-ErrorType}), which that client's
 * status table cannot see either.
 */
final class QBusinessClient implements AutoCloseable {

    private static final String JSON = "application/json";

    private final QBusinessSettings settings;
    private final SigV4 signer;
    private final Supplier<AwsCredentialsIdentity> credentials;
    private final ObjectMapper mapper;
    private final ConnectionProvider connections;
    private final HttpClient http;
    private final Duration firstBackoff;

    QBusinessClient(QBusinessSettings settings, Supplier<AwsCredentialsIdentity> credentials, ObjectMapper mapper,
                    Clock clock, Duration firstBackoff) {
        this.settings = settings;
        this.signer = new SigV4("qbusiness", settings.region(), clock);
        this.credentials = credentials;
        this.mapper = mapper;
        this.firstBackoff = firstBackoff;
        this.connections = ConnectionProvider.builder("qbusiness").maxConnections(Math.max(4, settings.concurrency() * 2)).build();
        this.http = HttpClient.create(connections).responseTimeout(Duration.ofSeconds(120));
    }

    /** A document Q Business did not take, with its reason. */
    record FailedDocument(String id, String errorCode, String errorMessage) {
        boolean retryable() {
            return "INTERNAL_ERROR".equals(errorCode);
        }
    }

    /**
     * One sync job of a data source, as ListDataSourceSyncJobs reports it: {@code status} is SYNCING,
     * SYNCING_INDEXING, STOPPING, SUCCEEDED, FAILED, INCOMPLETE or ABORTED; {@code error} is the job's error message.
     */
    record SyncJob(String executionId, String status, java.time.@Nullable Instant startTime, java.time.@Nullable Instant endTime,
                   @Nullable String error) {

        boolean running() {
            return status.startsWith("SYNCING") || status.equals("STOPPING");
        }

        /** For messages: {@code exec-1 (SYNCING since 2024-05-01T10:00:00Z)}. */
        String describe() {
            return executionId + " (" + status + (startTime == null ? "" : (running() ? " since " : ", started ") + startTime)
                    + (endTime == null || running() ? "" : ", ended " + endTime) + (error == null ? "" : ": " + error) + ")";
        }
    }

    private String indexPath() {
        return "/applications/" + segment(settings.applicationId()) + "/indices/" + segment(settings.indexId());
    }

    private String dataSourcePath() {
        return indexPath() + "/datasources/" + segment(settings.dataSourceId() == null ? "" : settings.dataSourceId());
    }

    /**
     * BatchPutDocument: the documents Q Business refused (empty when it took them all). The request is built when this
     * is subscribed: an original file is read then, streamed into the request's base64, so a batch waiting to be
     * sent holds its file's path, not its bytes, and one call in flight holds about its request's size.
     */
    Mono<List<FailedDocument>> batchPut(List<QDocument> documents, @Nullable String syncId) {
        // reading files is blocking I/O: off the event loop
        return Mono.fromCallable(() -> putBody(documents, syncId)).subscribeOn(Schedulers.boundedElastic())
                .flatMap(body -> call("BatchPutDocument", "POST", indexPath() + "/documents", body))
                .map(this::failed);
    }

    private byte[] putBody(List<QDocument> documents, @Nullable String syncId) throws IOException {
        long estimate = 64 + documents.stream().mapToLong(this::jsonSize).sum();
        RequestBuffer out = new RequestBuffer((int) Math.min(Integer.MAX_VALUE - 64, estimate));
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("documents");
            for (QDocument document : documents) {
                json.writeStartObject();
                for (Map.Entry<String, JsonNode> member : json(document).properties()) {
                    json.writeFieldName(member.getKey());
                    mapper.writeTree(json, member.getValue());
                }
                json.writeObjectFieldStart("content");
                json.writeFieldName("blob");
                if (document.original() == null) {
                    json.writeBinary(document.blob());
                } else {
                    try (InputStream file = Files.newInputStream(document.original().path())) {
                        // Jackson encodes as it reads (standard base64, padded, no line feeds), chunk by chunk
                        json.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, file, -1);
                    }
                }
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
            if (syncId != null) {
                json.writeStringField("dataSourceSyncId", syncId);
            }
            json.writeEndObject();
        }
        return out.bytes();
    }

    /** A request body written in place: when the estimate was exact, its array is the body, without a copy. */
    private static final class RequestBuffer extends ByteArrayOutputStream {
        RequestBuffer(int size) {
            super(size);
        }

        byte[] bytes() {
            return count == buf.length ? buf : Arrays.copyOf(buf, count);
        }
    }

    /** {@code ,"content":{"blob":""}} around the base64. */
    private static final int CONTENT_MEMBER_BYTES = 22;

    /** The size of {@code document} in a request body, to keep batches under {@code max_batch_bytes}. */
    int jsonSize(QDocument document) {
        return Math.toIntExact(jsonSize(document, document.contentBytes()));
    }

    /** The size of {@code document} in a request body with {@code contentBytes} of content (before base64). */
    long jsonSize(QDocument document, long contentBytes) {
        return bytes(json(document)).length + 1 + CONTENT_MEMBER_BYTES + base64Length(contentBytes);
    }

    static long base64Length(long bytes) {
        return (bytes + 2) / 3 * 4;
    }

    /** BatchDeleteDocument. */
    Mono<List<FailedDocument>> batchDelete(List<String> ids, @Nullable String syncId) {
        ObjectNode body = mapper.createObjectNode();
        ArrayNode array = body.putArray("documents");
        ids.forEach(id -> array.addObject().put("documentId", id));
        if (syncId != null) {
            body.put("dataSourceSyncId", syncId);
        }
        return call("BatchDeleteDocument", "POST", indexPath() + "/documents/delete", bytes(body)).map(this::failed);
    }

    /** StartDataSourceSyncJob: the new job's execution id. A 409 comes back as a {@code CONFLICT} error. */
    Mono<String> startSyncJob() {
        return call("StartDataSourceSyncJob", "POST", dataSourcePath() + "/startsync", new byte[0])
                .map(answer -> answer.path("executionId").asText());
    }

    Mono<Void> stopSyncJob() {
        return call("StopDataSourceSyncJob", "POST", dataSourcePath() + "/stopsync", new byte[0]).then();
    }

    /** ListDataSourceSyncJobs: the latest jobs, newest first as the service returns them. */
    Mono<List<SyncJob>> listSyncJobs(int maxResults) {
        return call("ListDataSourceSyncJobs", "GET", dataSourcePath() + "/syncjobs?maxResults=" + maxResults, new byte[0])
                .map(answer -> {
                    List<SyncJob> jobs = new ArrayList<>();
                    for (JsonNode job : answer.path("history")) {
                        String error = job.path("error").path("errorMessage").asText("");
                        jobs.add(new SyncJob(job.path("executionId").asText(), job.path("status").asText(),
                                timestamp(job.path("startTime")), timestamp(job.path("endTime")), error.isEmpty() ? null : error));
                    }
                    return jobs;
                });
    }

    /** A REST-JSON timestamp: epoch seconds, possibly with a fraction. */
    private static java.time.@Nullable Instant timestamp(JsonNode value) {
        if (!value.isNumber()) {
            return null;
        }
        return java.time.Instant.ofEpochMilli(Math.round(value.asDouble() * 1000));
    }

    /** GetApplication: its {@code status} (e.g. ACTIVE). */
    Mono<JsonNode> getApplication() {
        return call("GetApplication", "GET", "/applications/" + segment(settings.applicationId()), new byte[0]);
    }

    /** GetIndex: its {@code status}. */
    Mono<JsonNode> getIndex() {
        return call("GetIndex", "GET", indexPath(), new byte[0]);
    }

    /** GetDataSource: its {@code type} (CUSTOM for this sink) and {@code status}. */
    Mono<JsonNode> getDataSource() {
        return call("GetDataSource", "GET", dataSourcePath(), new byte[0]);
    }

    /** The document's members but its content, which {@link #putBody} streams. */
    private ObjectNode json(QDocument document) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", document.id());
        node.put("title", document.title());
        node.put("contentType", document.contentType());
        if (!document.allowed().isEmpty()) {
            // one access control list whose principals each may read (OR); their identities as the data source names them
            // when the sync runs in a data source, else as the index does
            String membership = settings.dataSourceId() == null ? "INDEX" : "DATASOURCE";
            ObjectNode control = node.putObject("accessConfiguration").putArray("accessControls").addObject();
            ArrayNode principals = control.putArray("principals");
            for (Permissions.Principal principal : document.allowed()) {
                ObjectNode entry = principals.addObject();
                if (principal.group()) {
                    entry.putObject("group").put("name", principal.id()).put("access", "ALLOW").put("membershipType", membership);
                } else {
                    entry.putObject("user").put("id", principal.id()).put("access", "ALLOW").put("membershipType", membership);
                }
            }
            control.put("memberRelation", "OR");
        }
        ArrayNode attributes = node.putArray("attributes");
        for (QDocument.Attribute attribute : document.attributes()) {
            ObjectNode entry = attributes.addObject();
            entry.put("name", attribute.name());
            ObjectNode value = entry.putObject("value");
            switch (attribute) {
                case QDocument.StringAttribute s -> value.put("stringValue", s.value());
                case QDocument.StringListAttribute l -> l.value().forEach(value.putArray("stringListValue")::add);
                case QDocument.LongAttribute n -> value.put("longValue", n.value());
                case QDocument.DateAttribute d -> value.put("dateValue", d.value().getEpochSecond());
            }
        }
        return node;
    }

    private List<FailedDocument> failed(JsonNode answer) {
        List<FailedDocument> failed = new ArrayList<>();
        for (JsonNode document : answer.path("failedDocuments")) {
            failed.add(new FailedDocument(document.path("id").asText(), document.path("error").path("errorCode").asText("INTERNAL_ERROR"),
                    document.path("error").path("errorMessage").asText("")));
        }
        return failed;
    }

    /**
     * One signed call, retried with exponential backoff and jitter while the error is {@code RETRYABLE} (throttling,
     * internal errors, I/O), up to {@code max_retries}; re-signed on each attempt (fresh date and credentials).
     */
    private Mono<JsonNode> call(String operation, String method, String pathAndQuery, byte[] body) {
        // the default chain may read files or ask an instance metadata endpoint: off the event loop
        return Mono.fromCallable(credentials::get).subscribeOn(Schedulers.boundedElastic())
                .flatMap(identity -> once(operation, method, pathAndQuery, body, identity))
                .retryWhen(Retry.backoff(settings.maxRetries(), firstBackoff).maxBackoff(Duration.ofSeconds(20)).jitter(0.5)
                        .filter(QBusinessClient::retryable)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    static boolean retryable(Throwable error) {
        return error instanceof QBusinessException q ? q.kind() == QBusinessException.Kind.RETRYABLE
                : error instanceof IOException || error.getCause() instanceof IOException;
    }

    private Mono<JsonNode> once(String operation, String method, String pathAndQuery, byte[] body, AwsCredentialsIdentity identity) {
        URI uri = URI.create(settings.endpoint() + pathAndQuery);
        Map<String, String> headers = signer.sign(method, uri, body.length > 0 || "POST".equals(method)
                ? Map.of("Content-Type", JSON) : Map.of(), body, identity);
        return http.headers(h -> {
                    headers.forEach(h::set);
                    h.set("Content-Length", body.length);
                })
                .request(HttpMethod.valueOf(method))
                .uri(uri)
                .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
                .responseSingle((response, content) -> content.asByteArray().defaultIfEmpty(new byte[0]).map(bytes -> {
                    int status = response.status().code();
                    if (status / 100 == 2) {
                        return parse(bytes);
                    }
                    String type = response.responseHeaders().get("X-Amzn-ErrorType");
                    JsonNode error = safeParse(bytes);
                    if (type == null) {
                        type = error.path("__type").asText("HTTP" + status);
                    }
                    // "ThrottlingException:http://internal.amazon.com/..." and "aws.protocoltests#Foo" name the same type
                    type = type.replaceAll(":.*$", "").replaceAll("^.*#", "");
                    String message = error.path("message").asText(error.path("Message").asText(""));
                    throw new QBusinessException(operation, status, type, message);
                }));
    }

    private JsonNode parse(byte[] bytes) {
        try {
            return bytes.length == 0 ? mapper.createObjectNode() : mapper.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Q Business answered with JSON that does not parse", e);
        }
    }

    private JsonNode safeParse(byte[] bytes) {
        try {
            JsonNode node = bytes.length == 0 ? null : mapper.readTree(bytes);
            return node == null ? mapper.createObjectNode() : node;
        } catch (IOException notJson) {
            return mapper.createObjectNode();
        }
    }

    private byte[] bytes(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() {
        connections.dispose();
    }
}
