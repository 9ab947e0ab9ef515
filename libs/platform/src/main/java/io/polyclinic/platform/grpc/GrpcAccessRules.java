package io.polyclinic.platform.grpc;

/**
 * A service's declaration of who may call its gRPC methods; every gRPC server of the platform refuses a method that
 * no rule names (decision 0025). Declare one bean per service, for example:
 *
 * <pre>{@code
 * @Bean
 * GrpcAccessRules auditGrpcAccess() {
 *     return rules -> rules
 *             .serviceScope("audit.write", AuditServiceGrpc.getRecordMethod(), AuditServiceGrpc.getRecordBatchMethod())
 *             .userRole("ADMIN", AuditServiceGrpc.getQueryMethod());
 * }
 * }</pre>
 */
@FunctionalInterface
public interface GrpcAccessRules {

    /** Adds this service's rules to the registry. */
    void configure(GrpcAccessRegistry rules);
}
