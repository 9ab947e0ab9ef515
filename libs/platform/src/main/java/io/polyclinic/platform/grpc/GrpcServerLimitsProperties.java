package io.polyclinic.platform.grpc;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The platform's caps on what one gRPC peer may hold of a server ({@code polyclinic.grpc.server.*}), on top of Spring
 * gRPC's own {@code spring.grpc.server.max-inbound-message-size} and {@code spring.grpc.server.keep-alive.*}, whose
 * platform defaults are in {@code polyclinic-platform-defaults.properties}.
 *
 * @param maxMessagesPerStream the most messages one client stream may send (a {@code RecordBatch} call's records);
 *     the next one ends the call with RESOURCE_EXHAUSTED and the service sees it cancelled, so nothing of it is
 *     kept (default 1000)
 * @param maxConcurrentCallsPerConnection the most calls one connection may have open at once; further calls wait
 *     for one to end (HTTP/2 {@code MAX_CONCURRENT_STREAMS}, default 100)
 */
@Validated
@ConfigurationProperties("polyclinic.grpc.server")
public record GrpcServerLimitsProperties(
        @DefaultValue("1000") @Min(1) @Max(1_000_000) int maxMessagesPerStream,
        @DefaultValue("100") @Min(1) @Max(10_000) int maxConcurrentCallsPerConnection) {}
