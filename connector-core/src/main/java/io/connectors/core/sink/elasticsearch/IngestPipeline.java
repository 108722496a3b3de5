package io.connectors.core.sink.elasticsearch;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The connector's {@code pipeline}, as Elastic's service uses it: bulk requests name the ingest pipeline
 * ({@code ?pipeline=<name>}), and every document carries the three settings as the fields the pipeline reads
 * ({@code _extract_binary_content}, {@code _reduce_whitespace}, {@code _run_ml_inference}; Elastic's
 * {@code search-default-ingestion} removes them).
 */
public record IngestPipeline(@Nullable String name, boolean extractBinaryContent, boolean reduceWhitespace,
                             boolean runMlInference) {

    /** No pipeline, Kibana's default settings: attachments extracted, whitespace reduced, no inference. */
    public static final IngestPipeline NONE = new IngestPipeline(null, true, true, false);

    /**
     * Reads a connector's {@code pipeline} object ({@code {name, extract_binary_content, reduce_whitespace,
     * run_ml_inference}}); a missing object or value takes Kibana's default. A blank name means no pipeline.
     */
    public static IngestPipeline from(@Nullable Object pipeline) {
        if (!(pipeline instanceof Map<?, ?> map)) {
            return NONE;
        }
        Object name = map.get("name");
        String text = name == null || name.toString().isBlank() ? null : name.toString().trim();
        return new IngestPipeline(text, flag(map.get("extract_binary_content"), true), flag(map.get("reduce_whitespace"), true),
                flag(map.get("run_ml_inference"), false));
    }

    private static boolean flag(@Nullable Object value, boolean otherwise) {
        return value instanceof Boolean b ? b : value == null ? otherwise : Boolean.parseBoolean(value.toString().trim());
    }

    public IngestPipeline withoutName() {
        return new IngestPipeline(null, extractBinaryContent, reduceWhitespace, runMlInference);
    }

    /** Elastic's managed default pipeline, which every full Elasticsearch distribution installs. */
    public static final String ELASTIC_DEFAULT = "search-default-ingestion";

    /** The fields added to each document sent through the pipeline. */
    Map<String, Object> documentFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("_extract_binary_content", extractBinaryContent);
        fields.put("_reduce_whitespace", reduceWhitespace);
        fields.put("_run_ml_inference", runMlInference);
        return fields;
    }
}
