package io.polyclinic.ingest.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The ingest service's settings ({@code polyclinic.ingest.*}).
 *
 * @param maxFileSize the largest spreadsheet accepted, by upload or from the bucket ({@code max-file-size}, default
 *     {@code 100MB}); a larger one is answered 413 or fails its import
 * @param previewRows how many rows a preview shows ({@code preview-rows}, default 20)
 * @param maxRowErrors how many row errors an import keeps for its report ({@code max-row-errors}, default 100000);
 *     the counts go on beyond it
 * @param jobThreads imports that run at once ({@code job-threads}, default 2); more wait QUEUED
 * @param progressInterval how often a running import writes its progress ({@code progress-interval}, default
 *     {@code 500ms})
 * @param phoneRegion the region of phone numbers written without a country code ({@code phone-region}, default
 *     {@code RU})
 * @param bookingUri booking's base URL, for clinic names ({@code booking-uri}, default {@code http://localhost:8082})
 * @param clinicLookupTimeout how long one clinic lookup in booking may take ({@code clinic-lookup-timeout}, default
 *     {@code 5s})
 * @param storage the S3-compatible object storage holding uploaded files ({@code storage.*})
 */
@Validated
@ConfigurationProperties("polyclinic.ingest")
public record IngestProperties(
        @DefaultValue("100MB") @NotNull DataSize maxFileSize,
        @DefaultValue("20") @Min(1) @Max(100) int previewRows,
        @DefaultValue("100000") @Min(100) @Max(10000000) int maxRowErrors,
        @DefaultValue("2") @Min(1) @Max(16) int jobThreads,
        @DefaultValue("500ms") @NotNull Duration progressInterval,
        @DefaultValue("RU") @NotBlank String phoneRegion,
        @DefaultValue("http://localhost:8082") @NotNull URI bookingUri,
        @DefaultValue("5s") @NotNull Duration clinicLookupTimeout,
        @DefaultValue @Valid Storage storage) {

    /**
     * The bucket of uploaded files (S3 API, AWS SDK v2).
     *
     * @param endpoint the S3 endpoint the service talks to ({@code polyclinic.ingest.storage.endpoint}, default
     *     {@code http://localhost:9000}, MinIO's port)
     * @param publicEndpoint the endpoint presigned upload URLs name, as the user's browser reaches it
     *     ({@code public-endpoint}; default: {@code endpoint})
     * @param region the signing region ({@code region}, default {@code us-east-1})
     * @param bucket the bucket, created at start when missing ({@code bucket}, default {@code ingest-uploads})
     * @param accessKey the access key id ({@code access-key}; from the environment, no default)
     * @param secretKey the secret access key ({@code secret-key}; from the environment, no default)
     * @param pathStyle path-style addressing, as MinIO needs ({@code path-style}, default {@code true})
     * @param presignedUrlTtl how long a presigned upload URL is valid ({@code presigned-url-ttl}, default {@code 15m})
     * @param allowedOrigins the browser origins the bucket's CORS rule allows to PUT ({@code allowed-origins}, default
     *     the web UI on a laptop, {@code http://localhost:8090})
     */
    public record Storage(
            @DefaultValue("http://localhost:9000") @NotNull URI endpoint,
            URI publicEndpoint,
            @DefaultValue("us-east-1") @NotBlank String region,
            @DefaultValue("ingest-uploads") @NotBlank String bucket,
            String accessKey,
            String secretKey,
            @DefaultValue("true") boolean pathStyle,
            @DefaultValue("15m") @NotNull Duration presignedUrlTtl,
            @DefaultValue("http://localhost:8090") List<String> allowedOrigins) {

        /** The endpoint presigned URLs name: {@code public-endpoint}, or {@code endpoint} when unset. */
        public URI effectivePublicEndpoint() {
            return publicEndpoint != null ? publicEndpoint : endpoint;
        }
    }
}
