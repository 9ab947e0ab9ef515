package io.polyclinic.platform.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where a service's outbox relay delivers audit records ({@code polyclinic.audit.*}).
 *
 * @param target the audit service's gRPC address, such as {@code static://localhost:9083} (a Spring gRPC target:
 *     also {@code dns:///audit:9083} or a channel name from {@code spring.grpc.client.channels.*}); blank (the
 *     default) disables sending: audit outbox rows then stay pending, none is lost, until a target is configured
 * @param deadline how long one {@code RecordBatch} call may take before it counts as failed and the relay retries
 *     (default {@code 10s})
 * @param maxBatchRecords the most records per {@code RecordBatch} call; longer lists are sent as several calls
 *     (default 500, at most the audit service's {@code polyclinic.audit.server.max-batch-records})
 */
@ConfigurationProperties("polyclinic.audit")
public record AuditClientProperties(
        @DefaultValue("") String target,
        @DefaultValue("10s") Duration deadline,
        @DefaultValue("500") int maxBatchRecords) {}
