package io.connectors.qbusiness;

import io.connectors.api.config.ConfigField;
import io.connectors.api.config.ConfigSchema;
import io.connectors.api.config.SourceConfiguration;
import io.connectors.api.config.Validation;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * The {@code qbusiness:} block of a connector entry, typed.
 *
 * @param region         AWS region of the application, e.g. {@code us-east-1}
 * @param applicationId  the Q Business application
 * @param indexId        its index
 * @param dataSourceId   a CUSTOM data source: when set, every sync runs inside one of its sync jobs
 * @param endpoint       the API's base URL ({@code https://qbusiness.<region>.api.aws} unless overridden)
 * @param batchSize      documents per BatchPutDocument / BatchDeleteDocument call (1..10)
 * @param maxBatchBytes  the largest request body of one call
 * @param concurrency    calls in flight at once
 * @param maxRetries     retries of a throttled or failed call (ThrottlingException, InternalServerException)
 * @param syncJobWait    how long a sync waits for another sync job of the data source to end (a 409) before failing
 * @param accessKeyId    explicit credentials; unset, the AWS default chain is used
 * @param sendOriginalFiles whether an attachment goes as its original file (PDF, Word, ...) where Q Business parses
 *                       that type itself, instead of the extracted text
 */
record QBusinessSettings(String region, String applicationId, String indexId, @Nullable String dataSourceId, URI endpoint,
                         int batchSize, long maxBatchBytes, int concurrency, int maxRetries, java.time.Duration syncJobWait,
                         @Nullable String accessKeyId, @Nullable String secretAccessKey, @Nullable String sessionToken,
                         boolean sendOriginalFiles) {

    /** The service's limit on documents per batch call. */
    static final int MAX_BATCH_SIZE = 10;

    static ConfigSchema schema() {
        return ConfigSchema.of(
                ConfigField.string("region").label("AWS region").required().order(1).build(),
                ConfigField.string("application_id").label("Q Business application id").required().order(2).build(),
                ConfigField.string("index_id").label("Q Business index id").required().order(3).build(),
                ConfigField.string("data_source_id").label("CUSTOM data source id (syncs run inside its sync jobs)").optional().order(4).build(),
                ConfigField.string("endpoint").label("API endpoint override (VPC endpoints, tests)").optional().order(5)
                        .validation(Validation.regex("(?i)https?://\\S+")).build(),
                ConfigField.integer("batch_size").label("Documents per batch call").defaultValue(10).order(6)
                        .validation(Validation.greaterThan(0)).validation(Validation.lessThan(MAX_BATCH_SIZE + 1)).build(),
                ConfigField.integer("max_batch_bytes").label("Largest request body of one batch call, bytes")
                        .defaultValue(5 << 20).order(7).validation(Validation.greaterThan(1023)).build(),
                ConfigField.integer("concurrency").label("Batch calls in flight").defaultValue(2).order(8)
                        .validation(Validation.greaterThan(0)).build(),
                ConfigField.integer("max_retries").label("Retries of throttled or failed calls").defaultValue(8).order(9)
                        .validation(Validation.greaterThan(-1)).build(),
                ConfigField.string("access_key_id").label("AWS access key id (unset: the default credentials chain)")
                        .optional().order(10).build(),
                ConfigField.string("secret_access_key").label("AWS secret access key").sensitive().optional().order(11).build(),
                ConfigField.string("session_token").label("AWS session token").sensitive().optional().order(12).build(),
                ConfigField.integer("sync_job_wait").label("Seconds to wait for another sync job of the data source")
                        .defaultValue(300).order(13).validation(Validation.greaterThan(-1)).build(),
                ConfigField.bool("send_original_files").label("Send attachments as their original files where Q Business parses the type")
                        .defaultValue(true).order(14).build());
    }

    static QBusinessSettings from(SourceConfiguration configuration) {
        String region = configuration.getString("region");
        String endpoint = configuration.getOptionalString("endpoint");
        if ((configuration.getOptionalString("access_key_id") == null) != (configuration.getOptionalString("secret_access_key") == null)) {
            throw new IllegalArgumentException("qbusiness.access_key_id and qbusiness.secret_access_key go together: set both "
                    + "(e.g. through ${AWS_ACCESS_KEY_ID} and ${AWS_SECRET_ACCESS_KEY}) or neither, for the AWS default chain");
        }
        return new QBusinessSettings(region, configuration.getString("application_id"), configuration.getString("index_id"),
                configuration.getOptionalString("data_source_id"),
                URI.create(endpoint == null ? "https://qbusiness." + region + ".api.aws" : endpoint.replaceAll("/+$", "")),
                configuration.getInt("batch_size"), configuration.getInt("max_batch_bytes"), configuration.getInt("concurrency"),
                configuration.getInt("max_retries"), java.time.Duration.ofSeconds(configuration.getInt("sync_job_wait")),
                configuration.getOptionalString("access_key_id"),
                configuration.getOptionalString("secret_access_key"), configuration.getOptionalString("session_token"),
                configuration.getBool("send_original_files"));
    }

    @Override
    public String toString() {
        return "QBusinessSettings[region=" + region + ", application=" + applicationId + ", index=" + indexId
                + ", dataSource=" + dataSourceId + ", endpoint=" + endpoint + ", sendOriginalFiles=" + sendOriginalFiles + ", credentials="
                + (accessKeyId == null ? "default chain" : "explicit key " + accessKeyId) + "]";
    }
}
