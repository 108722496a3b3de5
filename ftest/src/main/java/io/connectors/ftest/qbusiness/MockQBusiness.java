package io.connectors.ftest.qbusiness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * An Amazon Q Business that speaks the real REST-JSON wire format on 127.0.0.1, for tests and the ftest runner:
 * BatchPutDocument, BatchDeleteDocument, StartDataSourceSyncJob, StopDataSourceSyncJob and ListDataSourceSyncJobs.
 *
 * <ul>
 *   <li>Every request must carry a valid SigV4 signature for the test key (service {@code qbusiness}), recomputed by
 *       {@link SigV4Verifier}; otherwise 403 with the service's error type.</li>
 *   <li>Limits: 1..10 documents per call and at most {@link #MAX_PAYLOAD_BYTES} per request (else a 400
 *       {@code ValidationException}); per document, ids of at most 1,825 characters, titles of at most 1,024,
 *       string attribute values of at most 2,048, content within 50 MB, else a {@code failedDocuments} entry
 *       ({@code INVALID_REQUEST}). A document whose title contains {@link #INVALID_MARKER} fails the same way, on
 *       demand. An {@code accessConfiguration} off the API reference's shape fails the whole call with a 400
 *       {@code ValidationException} ({@link #accessConfigurationProblem}).</li>
 *   <li>Unknown application, index or data source: 404 {@code ResourceNotFoundException}.</li>
 *   <li>{@link #throttleEvery(int)}: every n-th call answers 429 {@code ThrottlingException}.</li>
 *   <li>Sync jobs: one at a time per data source (a second start is a 409 {@code ConflictException});
 *       {@code dataSourceSyncId} must name the running job.</li>
 *   <li>{@code contentType} must be one of the API's enum ({@link #CONTENT_TYPES}) when present, else the whole call
 *       fails with a 400 {@code ValidationException}, as the service's enum validation does.</li>
 *   <li>Keeps the documents (id, title, content type, the decoded content as bytes and as text, attributes) for
 *       checks; {@link #stats()} counts calls, documents, and documents put per content type
 *       ({@code content_type_PDF}, ...), also served at {@code GET /_mock/stats}.</li>
 * </ul>
 * Errors carry {@code X-Amzn-ErrorType} and a {@code {"message": ...}} body, as the service's do.
 */
public final class MockQBusiness implements AutoCloseable {

    public static final String ACCESS_KEY_ID = "AKIDEXAMPLE";
    /** An obviously fake test secret (the one of AWS's public SigV4 test suite). */
    public static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    public static final String REGION = "us-east-1";
    public static final String INVALID_MARKER = "[[invalid-for-qbusiness]]";
    public static final long MAX_PAYLOAD_BYTES = 10L << 20;

    /** The {@code contentType} values of the API's {@code Document}. */
    public static final Set<String> CONTENT_TYPES = Set.of("PDF", "HTML", "MS_WORD", "PLAIN_TEXT", "PPT", "RTF", "XML", "XSLT",
            "MS_EXCEL", "CSV", "JSON", "MD");

    private static final Pattern INDEX = Pattern.compile("/applications/([^/]+)/indices/([^/]+)/documents(/delete)?");
    private static final Pattern DATA_SOURCE = Pattern.compile("/applications/([^/]+)/indices/([^/]+)/datasources/([^/]+)/(startsync|stopsync|syncjobs)");

    private final ObjectMapper mapper = new ObjectMapper();
    private final SigV4Verifier verifier = new SigV4Verifier(ACCESS_KEY_ID, SECRET, REGION, "qbusiness");
    private final String applicationId;
    private final String indexId;
    private final String dataSourceId;
    private final DisposableServer server;
    private final Map<String, StoredDocument> documents = new ConcurrentHashMap<>();
    private final List<Job> jobs = new ArrayList<>();
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();
    private volatile int throttleEvery;
    private int externalConflictsLeft;

    /**
     * What the mock keeps of a document. {@code content} is the decoded {@code content.blob} (an original file's exact
     * bytes), {@code text} the same read as UTF-8. {@code accessConfiguration} is the request's, or a missing node
     * when the document came without one.
     */
    public record StoredDocument(String id, String title, String contentType, String text, Map<String, JsonNode> attributes,
                                 JsonNode accessConfiguration, String syncId, byte[] content) {

        // by content, not by array identity: two mocks fed the same documents hold equal documents
        @Override
        public boolean equals(Object other) {
            return other instanceof StoredDocument that && id.equals(that.id) && title.equals(that.title)
                    && contentType.equals(that.contentType) && java.util.Arrays.equals(content, that.content)
                    && attributes.equals(that.attributes) && accessConfiguration.equals(that.accessConfiguration)
                    && java.util.Objects.equals(syncId, that.syncId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(id, title, contentType, java.util.Arrays.hashCode(content), attributes, syncId);
        }
    }

    private record Job(String executionId, Instant start, String status, Instant end) {
        Job(String executionId, Instant start, String status) {
            this(executionId, start, status, null);
        }

        Job ended(String finalStatus) {
            return new Job(executionId, start, finalStatus, Instant.now());
        }
    }

    private MockQBusiness(String applicationId, String indexId, String dataSourceId) {
        this.applicationId = applicationId;
        this.indexId = indexId;
        this.dataSourceId = dataSourceId;
        this.server = HttpServer.create().host("127.0.0.1").port(0).handle(this::handle).bindNow();
    }

    public static MockQBusiness start(String applicationId, String indexId, String dataSourceId) {
        return new MockQBusiness(applicationId, indexId, dataSourceId);
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Every n-th call (0: none) answers 429 ThrottlingException. */
    public void throttleEvery(int n) {
        throttleEvery = n;
    }

    public Map<String, StoredDocument> documents() {
        return Map.copyOf(documents);
    }

    public Optional<StoredDocument> document(String id) {
        return Optional.ofNullable(documents.get(id));
    }

    /** Counters: calls per operation, documents put and deleted, throttled, refused signatures, conflicts. */
    public Map<String, Long> stats() {
        Map<String, Long> out = new java.util.TreeMap<>();
        counters.forEach((name, value) -> out.put(name, value.get()));
        out.put("documents", (long) documents.size());
        return out;
    }

    public long stat(String name) {
        AtomicLong value = counters.get(name);
        return value == null ? 0 : value.get();
    }

    public void resetStats() {
        counters.clear();
    }

    /** Sync jobs so far, oldest first: execution id and status. */
    public synchronized List<String> jobStatuses() {
        return jobs.stream().map(job -> job.executionId() + ":" + job.status()).toList();
    }

    /**
     * Starts a job as another client would: the next {@code conflictsUntilDone} starts answer 409, then that job
     * ends (as a real one does after a while) and the next start succeeds.
     */
    public synchronized String startJobElsewhere(int conflictsUntilDone) {
        externalConflictsLeft = conflictsUntilDone;
        Job job = new Job("external-" + (jobs.size() + 1), Instant.now(), "SYNCING");
        jobs.add(job);
        return job.executionId();
    }

    public synchronized void finishRunningJob() {
        for (int i = 0; i < jobs.size(); i++) {
            if (jobs.get(i).status().equals("SYNCING")) {
                jobs.set(i, jobs.get(i).ended("SUCCEEDED"));
            }
        }
    }

    private void count(String name, long n) {
        counters.computeIfAbsent(name, k -> new AtomicLong()).addAndGet(n);
    }

    private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap(body -> {
            QueryStringDecoder decoder = new QueryStringDecoder(request.uri());
            String path = decoder.rawPath();
            if (path.equals("/_mock/stats")) {
                return send(response, 200, null, mapper.valueToTree(stats()));
            }
            Map<String, String> headers = new HashMap<>();
            request.requestHeaders().forEach(entry -> headers.merge(entry.getKey(), entry.getValue(), (a, b) -> a + "," + b));
            SigV4Verifier.Rejection rejection = verifier.verify(request.method().name(), path, decoder.rawQuery(), headers, body);
            if (rejection != null) {
                count("signature_refused", 1);
                return error(response, 403, rejection.errorType(), rejection.message());
            }
            long n = calls.incrementAndGet();
            if (throttleEvery > 0 && n % throttleEvery == 0) {
                count("throttled", 1);
                return error(response, 429, "ThrottlingException", "Rate exceeded");
            }
            try {
                return route(request.method().name(), path, decoder.parameters(), body, response);
            } catch (Exception e) {
                return error(response, 400, "ValidationException", "the request body does not parse: " + e.getMessage());
            }
        });
    }

    private static final Pattern RESOURCE = Pattern.compile("/applications/([^/]+)(?:/indices/([^/]+)(?:/datasources/([^/]+))?)?");

    /** GetApplication, GetIndex, GetDataSource: what doctor asks. */
    private Mono<Void> describe(Matcher m, HttpServerResponse response) {
        count("Get", 1);
        boolean known = m.group(1).equals(applicationId) && (m.group(2) == null || m.group(2).equals(indexId))
                && (m.group(3) == null || m.group(3).equals(dataSourceId));
        if (!known) {
            return error(response, 404, "ResourceNotFoundException", "The requested resource does not exist.");
        }
        ObjectNode answer = mapper.createObjectNode().put("applicationId", applicationId).put("status", "ACTIVE");
        if (m.group(2) != null) {
            answer.put("indexId", indexId);
        }
        if (m.group(3) != null) {
            answer.put("dataSourceId", dataSourceId).put("type", "CUSTOM");
        }
        return send(response, 200, null, answer);
    }

    private Mono<Void> route(String method, String path, Map<String, List<String>> query, byte[] body, HttpServerResponse response)
            throws Exception {
        Matcher resource = RESOURCE.matcher(path);
        if (method.equals("GET") && resource.matches()) {
            return describe(resource, response);
        }
        Matcher index = INDEX.matcher(path);
        if (index.matches() && method.equals("POST")) {
            if (!index.group(1).equals(applicationId) || !index.group(2).equals(indexId)) {
                return error(response, 404, "ResourceNotFoundException", "The application or index does not exist.");
            }
            if (body.length > MAX_PAYLOAD_BYTES) {
                return error(response, 400, "ValidationException", "Request payload is larger than " + MAX_PAYLOAD_BYTES + " bytes");
            }
            JsonNode request = mapper.readTree(body);
            return index.group(3) == null ? put(request, response) : delete(request, response);
        }
        Matcher dataSource = DATA_SOURCE.matcher(path);
        if (dataSource.matches()) {
            if (!dataSource.group(1).equals(applicationId) || !dataSource.group(2).equals(indexId)
                    || !dataSource.group(3).equals(dataSourceId)) {
                return error(response, 404, "ResourceNotFoundException", "The data source does not exist.");
            }
            String operation = dataSource.group(4);
            if (!method.equals(operation.equals("syncjobs") ? "GET" : "POST")) {
                return error(response, 404, "UnknownOperationException", "no operation at " + method + " " + path);
            }
            return switch (operation) {
                case "startsync" -> startSync(response);
                case "stopsync" -> stopSync(response);
                default -> listJobs(query, response);
            };
        }
        return error(response, 404, "UnknownOperationException", "no operation at " + method + " " + path);
    }

    private Mono<Void> put(JsonNode request, HttpServerResponse response) {
        count("BatchPutDocument", 1);
        JsonNode documents = request.path("documents");
        if (!documents.isArray() || documents.isEmpty() || documents.size() > 10) {
            return error(response, 400, "ValidationException", "documents must hold 1 to 10 items, got " + documents.size());
        }
        String syncId = request.path("dataSourceSyncId").asText(null);
        if (syncId != null && !runningJob(syncId)) {
            return error(response, 400, "ValidationException", "dataSourceSyncId " + syncId + " is not a running sync job");
        }
        for (JsonNode document : documents) {
            // the service checks the request's shape before it looks at any document: one bad member fails the call
            String contentType = contentTypeProblem(document);
            if (contentType != null) {
                count("shape_refused", 1);
                return error(response, 400, "ValidationException", contentType);
            }
            String shape = accessConfigurationProblem(document.path("accessConfiguration"));
            if (shape != null) {
                count("shape_refused", 1);
                return error(response, 400, "ValidationException", "documents[" + document.path("id").asText("") + "]."
                        + "accessConfiguration: " + shape);
            }
        }
        ObjectNode answer = mapper.createObjectNode();
        ArrayNode failed = answer.putArray("failedDocuments");
        for (JsonNode document : documents) {
            String id = document.path("id").asText("");
            String problem = problem(document);
            if (problem != null) {
                count("documents_failed", 1);
                ObjectNode entry = failed.addObject();
                entry.put("id", id);
                entry.putObject("error").put("errorCode", "INVALID_REQUEST").put("errorMessage", problem);
                continue;
            }
            Map<String, JsonNode> attributes = new LinkedHashMap<>();
            for (JsonNode attribute : document.path("attributes")) {
                attributes.put(attribute.path("name").asText(), attribute.path("value"));
            }
            byte[] content = Base64.getDecoder().decode(document.path("content").path("blob").asText(""));
            String contentType = document.path("contentType").asText("");
            this.documents.put(id, new StoredDocument(id, document.path("title").asText(""), contentType,
                    new String(content, StandardCharsets.UTF_8), attributes, document.path("accessConfiguration"), syncId, content));
            count("documents_put", 1);
            count("content_type_" + (contentType.isEmpty() ? "none" : contentType), 1);
        }
        return send(response, 200, null, answer);
    }

    /** Why a document's {@code contentType} fails the API's enum validation, in the service's words, or null. */
    static String contentTypeProblem(JsonNode document) {
        JsonNode contentType = document.path("contentType");
        if (contentType.isMissingNode() || (contentType.isTextual() && CONTENT_TYPES.contains(contentType.asText()))) {
            return null;
        }
        return "1 validation error detected: Value '" + contentType.asText() + "' at 'documents." + document.path("id").asText("")
                + ".member.contentType' failed to satisfy constraint: Member must satisfy enum value set: "
                + new java.util.TreeSet<>(CONTENT_TYPES);
    }

    /**
     * What is wrong with a document's {@code accessConfiguration} by the API reference (AccessConfiguration,
     * AccessControl, Principal, PrincipalUser, PrincipalGroup), or null; a missing node is fine (the member is
     * optional). {@code accessControls} and each {@code principals} are required and non-empty; a principal is a union
     * of exactly one of {@code user} or {@code group}; {@code access} is required, ALLOW or DENY; {@code membershipType}
     * is INDEX or DATASOURCE; a user's {@code id} and a group's {@code name}, 1 to 1,024 characters without control
     * characters; {@code memberRelation}, AND or OR; no other member.
     */
    static String accessConfigurationProblem(JsonNode configuration) {
        if (configuration.isMissingNode() || configuration.isNull()) {
            return null;
        }
        if (!configuration.isObject()) {
            return "must be an object";
        }
        String unknown = unknownMember(configuration, Set.of("accessControls", "memberRelation"));
        if (unknown != null) {
            return unknown;
        }
        String relation = relationProblem(configuration);
        if (relation != null) {
            return relation;
        }
        JsonNode controls = configuration.path("accessControls");
        if (!controls.isArray() || controls.isEmpty()) {
            return "accessControls is required: a non-empty list of AccessControl";
        }
        for (JsonNode control : controls) {
            if (!control.isObject()) {
                return "accessControls[] must be objects";
            }
            unknown = unknownMember(control, Set.of("principals", "memberRelation"));
            if (unknown != null) {
                return "accessControls[]: " + unknown;
            }
            relation = relationProblem(control);
            if (relation != null) {
                return "accessControls[]: " + relation;
            }
            JsonNode principals = control.path("principals");
            if (!principals.isArray() || principals.isEmpty()) {
                return "accessControls[].principals is required: a non-empty list of Principal";
            }
            for (JsonNode principal : principals) {
                if (!principal.isObject() || principal.size() != 1 || !(principal.has("user") || principal.has("group"))) {
                    return "a Principal is a union: exactly one of user or group, got " + principal;
                }
                boolean user = principal.has("user");
                JsonNode member = principal.path(user ? "user" : "group");
                String idName = user ? "id" : "name";
                unknown = member.isObject() ? unknownMember(member, Set.of(idName, "access", "membershipType")) : "must be an object";
                if (unknown != null) {
                    return (user ? "user: " : "group: ") + unknown;
                }
                String access = member.path("access").asText(null);
                if (!"ALLOW".equals(access) && !"DENY".equals(access)) {
                    return (user ? "user" : "group") + ".access is required: ALLOW or DENY, got " + member.path("access");
                }
                if (member.has("membershipType") && !List.of("INDEX", "DATASOURCE").contains(member.path("membershipType").asText())) {
                    return (user ? "user" : "group") + ".membershipType must be INDEX or DATASOURCE, got " + member.path("membershipType");
                }
                if (member.has(idName)) {
                    String id = member.path(idName).isTextual() ? member.path(idName).asText() : "";
                    if (id.isEmpty() || id.length() > 1_024 || id.codePoints().anyMatch(Character::isISOControl)) {
                        return (user ? "user.id" : "group.name") + " must be 1 to 1024 characters without control characters";
                    }
                }
            }
        }
        return null;
    }

    private static String unknownMember(JsonNode object, Set<String> known) {
        for (java.util.Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                return "unknown member " + name;
            }
        }
        return null;
    }

    private static String relationProblem(JsonNode object) {
        return object.has("memberRelation") && !List.of("AND", "OR").contains(object.path("memberRelation").asText())
                ? "memberRelation must be AND or OR, got " + object.path("memberRelation") : null;
    }

    /** What Q Business would refuse in one document, or null. */
    private static String problem(JsonNode document) {
        String id = document.path("id").asText("");
        if (id.isEmpty() || id.length() > 1_825) {
            return "id must be 1 to 1825 characters";
        }
        if (document.path("title").asText("").length() > 1_024) {
            return "title must be at most 1024 characters";
        }
        if (document.path("title").asText("").contains(INVALID_MARKER)) {
            return "the document is invalid (injected)";
        }
        String blob = document.path("content").path("blob").asText(null);
        if (blob == null) {
            return "content.blob or content.s3 is required";
        }
        if ((long) blob.length() * 3 / 4 > 50L << 20) {
            return "content is larger than 50 MB";
        }
        for (JsonNode attribute : document.path("attributes")) {
            String name = attribute.path("name").asText("");
            if (!name.matches("[a-zA-Z0-9_][a-zA-Z0-9_-]{0,199}")) {
                return "attribute name " + name + " is not valid";
            }
            JsonNode value = attribute.path("value");
            if (value.size() != 1) {
                return "attribute " + name + " must have exactly one value";
            }
            if (value.path("stringValue").asText("").length() > 2_048) {
                return "attribute " + name + " is longer than 2048 characters";
            }
            for (JsonNode item : value.path("stringListValue")) {
                if (item.asText("").length() > 2_048) {
                    return "attribute " + name + " has a value longer than 2048 characters";
                }
            }
            if (value.has("dateValue") && !value.get("dateValue").isNumber()) {
                return "attribute " + name + ": dateValue must be a timestamp";
            }
        }
        return null;
    }

    private Mono<Void> delete(JsonNode request, HttpServerResponse response) {
        count("BatchDeleteDocument", 1);
        JsonNode ids = request.path("documents");
        if (!ids.isArray() || ids.isEmpty() || ids.size() > 10) {
            return error(response, 400, "ValidationException", "documents must hold 1 to 10 items, got " + ids.size());
        }
        String syncId = request.path("dataSourceSyncId").asText(null);
        if (syncId != null && !runningJob(syncId)) {
            return error(response, 400, "ValidationException", "dataSourceSyncId " + syncId + " is not a running sync job");
        }
        for (JsonNode id : ids) {
            if (documents.remove(id.path("documentId").asText()) != null) {
                count("documents_deleted", 1);
            }
        }
        ObjectNode answer = mapper.createObjectNode();
        answer.putArray("failedDocuments");
        return send(response, 200, null, answer);
    }

    private synchronized boolean runningJob(String executionId) {
        return jobs.stream().anyMatch(job -> job.executionId().equals(executionId) && job.status().equals("SYNCING"));
    }

    private synchronized Mono<Void> startSync(HttpServerResponse response) {
        count("StartDataSourceSyncJob", 1);
        if (jobs.stream().anyMatch(job -> job.status().equals("SYNCING"))) {
            count("conflicts", 1);
            if (externalConflictsLeft > 0 && --externalConflictsLeft == 0) {
                finishRunningJob();
            }
            return error(response, 409, "ConflictException", "A sync job is already running for this data source.");
        }
        Job job = new Job("exec-" + (jobs.size() + 1), Instant.now(), "SYNCING");
        jobs.add(job);
        ObjectNode answer = mapper.createObjectNode().put("executionId", job.executionId());
        return send(response, 200, null, answer);
    }

    private synchronized Mono<Void> stopSync(HttpServerResponse response) {
        count("StopDataSourceSyncJob", 1);
        boolean stopped = false;
        for (int i = 0; i < jobs.size(); i++) {
            if (jobs.get(i).status().equals("SYNCING")) {
                jobs.set(i, jobs.get(i).ended("SUCCEEDED"));
                stopped = true;
            }
        }
        return stopped ? send(response, 200, null, mapper.createObjectNode())
                : error(response, 400, "ValidationException", "No sync job is running for this data source.");
    }

    /**
     * ListDataSourceSyncJobs ({@code GET .../datasources/{id}/syncjobs?maxResults=&syncStatus=}): newest first,
     * {@code maxResults} 1 to 10 (default 10), timestamps as epoch seconds, as the service answers.
     */
    private synchronized Mono<Void> listJobs(Map<String, List<String>> query, HttpServerResponse response) {
        count("ListDataSourceSyncJobs", 1);
        int max = 10;
        if (query.containsKey("maxResults")) {
            String text = query.get("maxResults").getFirst();
            if (!text.matches("[0-9]{1,3}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 10) {
                return error(response, 400, "ValidationException", "maxResults must be between 1 and 10, got " + text);
            }
            max = Integer.parseInt(text);
        }
        String status = query.containsKey("syncStatus") ? query.get("syncStatus").getFirst() : null;
        ObjectNode answer = mapper.createObjectNode();
        ArrayNode history = answer.putArray("history");
        for (int i = jobs.size() - 1; i >= 0 && history.size() < max; i--) {
            Job job = jobs.get(i);
            if (status != null && !status.equals(job.status())) {
                continue;
            }
            ObjectNode entry = history.addObject().put("executionId", job.executionId()).put("status", job.status())
                    .put("startTime", job.start().toEpochMilli() / 1000.0);
            if (job.end() != null) {
                entry.put("endTime", job.end().toEpochMilli() / 1000.0);
            }
        }
        return send(response, 200, null, answer);
    }

    private Mono<Void> error(HttpServerResponse response, int status, String type, String message) {
        return send(response, status, type, mapper.createObjectNode().put("message", message));
    }

    private Mono<Void> send(HttpServerResponse response, int status, String errorType, JsonNode body) {
        response.status(status).header("Content-Type", "application/json");
        if (errorType != null) {
            response.header("X-Amzn-ErrorType", errorType + ":http://internal.amazon.com/coral/com.amazonaws.qbusiness/");
        }
        return response.sendByteArray(Mono.just(body.toString().getBytes(StandardCharsets.UTF_8))).then();
    }

    /** Ids currently held. */
    public Set<String> ids() {
        return Set.copyOf(documents.keySet());
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
