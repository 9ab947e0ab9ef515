package io.polyclinic.ingest.config;

import io.polyclinic.contracts.ingest.v1.IngestServiceGrpc;
import io.polyclinic.platform.grpc.GrpcAccessRules;
import io.polyclinic.platform.security.AuthenticatedUser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call the gRPC API: users with role ADMIN or CLINIC_MANAGER (access tokens), as on REST; which imports and
 * clinics a manager reaches is the use cases' business.
 */
@Configuration(proxyBeanMethods = false)
public class IngestGrpcSecurityConfiguration {

    @Bean
    GrpcAccessRules ingestGrpcAccess() {
        var methods = new io.grpc.MethodDescriptor<?, ?>[] {
            IngestServiceGrpc.getPreviewMethod(),
            IngestServiceGrpc.getStartImportMethod(),
            IngestServiceGrpc.getWatchImportMethod(),
            IngestServiceGrpc.getListImportsMethod()
        };
        return rules ->
                rules.userRole(AuthenticatedUser.ADMIN, methods).userRole(AuthenticatedUser.CLINIC_MANAGER, methods);
    }
}
