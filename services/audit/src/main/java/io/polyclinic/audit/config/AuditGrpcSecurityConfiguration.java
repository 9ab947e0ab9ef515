package io.polyclinic.audit.config;

import io.polyclinic.contracts.audit.v1.AuditServiceGrpc;
import io.polyclinic.platform.grpc.GrpcAccessRules;
import io.polyclinic.platform.security.AuthenticatedUser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call the gRPC API (decisions 0018, 0025); the platform's gRPC server security enforces it. Writes
 * ({@code Record}, {@code RecordBatch}) come from the services' outbox relays and need a service token from identity
 * with scope {@value #WRITE_SCOPE}, so credentials protect the port, whatever network reaches it. Reads
 * ({@code Query}) return personal data: they need a user access token with role ADMIN, as on the REST API.
 */
@Configuration(proxyBeanMethods = false)
public class AuditGrpcSecurityConfiguration {

    /** The scope a service token needs to write audit records. */
    public static final String WRITE_SCOPE = "audit.write";

    @Bean
    GrpcAccessRules auditGrpcAccess() {
        return rules -> rules.serviceScope(
                        WRITE_SCOPE, AuditServiceGrpc.getRecordMethod(), AuditServiceGrpc.getRecordBatchMethod())
                .userRole(AuthenticatedUser.ADMIN, AuditServiceGrpc.getQueryMethod());
    }
}
