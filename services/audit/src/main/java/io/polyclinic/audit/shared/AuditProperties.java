package io.polyclinic.audit.shared;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the audit service ({@code polyclinic.audit.server.*}); the gRPC port itself is
 * {@code spring.grpc.server.port} (default 9083).
 *
 * @param maxBatchRecords the most records one {@code RecordBatch} stream may carry; a longer stream is refused
 *     with INVALID_ARGUMENT and nothing of it is stored ({@code max-batch-records}, default 1000)
 * @param verifyBatchSize records read per query while verifying the hash chain ({@code verify-batch-size},
 *     default 1000)
 */
@Validated
@ConfigurationProperties("polyclinic.audit.server")
public record AuditProperties(
        @DefaultValue("1000") @Min(1) @Max(10000) int maxBatchRecords,
        @DefaultValue("1000") @Min(10) @Max(100000) int verifyBatchSize) {}
