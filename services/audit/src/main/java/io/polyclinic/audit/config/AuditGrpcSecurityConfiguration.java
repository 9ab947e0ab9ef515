package io.polyclinic.audit.config;

import io.polyclinic.contracts.audit.v1.AuditServiceGrpc;
import io.polyclinic.platform.security.AuthenticatedUser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.grpc.server.security.AuthenticationProcessInterceptor;
import org.springframework.grpc.server.security.GrpcSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * Who may call the gRPC API (decision 0018). Writes ({@code Record}, {@code RecordBatch}) come from the services'
 * outbox relays, which hold no user token: they are open to whoever reaches the gRPC port, which is therefore kept
 * on the internal network (never routed by the gateway; mTLS through {@code spring.grpc.server.ssl.*} where the
 * network is shared). Reads ({@code Query}) return personal data: they need an access token with role ADMIN, verified
 * like on the REST API (the platform's {@link JwtDecoder}, roles from the {@code roles} claim).
 */
@Configuration(proxyBeanMethods = false)
public class AuditGrpcSecurityConfiguration {

    @Bean
    @GlobalServerInterceptor
    AuthenticationProcessInterceptor auditGrpcSecurity(GrpcSecurity grpc, JwtDecoder decoder) throws Exception {
        var query = AuditServiceGrpc.getQueryMethod().getFullMethodName();
        return grpc.authorizeRequests(requests -> requests.methods(query)
                        .hasAuthority("ROLE_" + AuthenticatedUser.ADMIN)
                        .allRequests()
                        .permitAll())
                .oauth2ResourceServer(resourceServer ->
                        resourceServer.jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(rolesConverter())))
                .build();
    }

    /** Maps the {@code roles} claim ({@code ["ADMIN"]}) to authorities {@code ROLE_ADMIN}, as on the REST API. */
    private static JwtAuthenticationConverter rolesConverter() {
        var authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName("roles");
        authorities.setAuthorityPrefix("ROLE_");
        var converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }
}
