package io.polyclinic.platform.grpc;

import io.grpc.netty.NettyServerBuilder;
import io.polyclinic.platform.security.SecurityProperties;
import io.polyclinic.platform.security.revocation.RevokedTokenValidator;
import io.polyclinic.platform.servicetoken.ServiceTokenProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.grpc.server.GrpcServerFactory;
import org.springframework.grpc.server.ServerBuilderCustomizer;
import org.springframework.grpc.server.security.AuthenticationProcessInterceptor;
import org.springframework.grpc.server.security.GrpcSecurity;

/**
 * The security and resource defaults of every service's gRPC server (decision 0025), active when the service runs a
 * Spring gRPC server:
 *
 * <ul>
 *   <li>every call needs a bearer token ({@link GrpcCallerTokens}); a method accepts what the service's
 *       {@link GrpcAccessRules} declare for it (a service token with a scope, or a user token with a role), the
 *       standard health service ({@code grpc.health.v1.Health}) is open, and every other method is refused. No
 *       token or a bad one: UNAUTHENTICATED; a valid token without the scope or role: PERMISSION_DENIED;
 *   <li>at most {@code polyclinic.grpc.server.max-messages-per-stream} messages per client stream
 *       ({@link StreamMessageLimitInterceptor}, RESOURCE_EXHAUSTED) and at most
 *       {@code polyclinic.grpc.server.max-concurrent-calls-per-connection} calls open per connection.
 * </ul>
 *
 * Message size, keepalive, idle and age limits are Spring gRPC's {@code spring.grpc.server.*} settings with the
 * platform's defaults. A service may replace the whole security interceptor by declaring its own
 * {@link AuthenticationProcessInterceptor}.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.grpc.server.autoconfigure.security.GrpcSecurityAutoConfiguration",
            "org.springframework.boot.grpc.server.autoconfigure.GrpcServerFactoryAutoConfiguration"
        })
@ConditionalOnClass({GrpcSecurity.class, GrpcServerFactory.class})
@EnableConfigurationProperties({GrpcServerLimitsProperties.class, ServiceTokenProperties.class, SecurityProperties.class
})
public class PlatformGrpcServerAutoConfiguration {

    /** The standard gRPC health service, open to probes without a token. */
    static final String HEALTH_METHODS = "grpc.health.v1.Health/*";

    @Bean
    @GlobalServerInterceptor
    @ConditionalOnBean(GrpcSecurity.class)
    @ConditionalOnMissingBean(AuthenticationProcessInterceptor.class)
    AuthenticationProcessInterceptor platformGrpcSecurity(
            GrpcSecurity grpc,
            ObjectProvider<GrpcAccessRules> declared,
            SecurityProperties security,
            ServiceTokenProperties serviceTokens,
            ObjectProvider<RevokedTokenValidator> revocations)
            throws Exception {
        var registry = new GrpcAccessRegistry();
        declared.orderedStream().forEach(rules -> rules.configure(registry));
        var tokens = new GrpcCallerTokens(security.audience(), serviceTokens.audience());
        return grpc.authorizeRequests(requests -> {
                    // A method named by several rules accepts a token that meets any of them.
                    var authorities = new java.util.LinkedHashMap<String, java.util.List<String>>();
                    for (var rule : registry.rules()) {
                        var prefix = rule.caller() == GrpcAccessRegistry.Caller.SERVICE
                                ? GrpcCallerTokens.SCOPE_PREFIX
                                : GrpcCallerTokens.ROLE_PREFIX;
                        authorities
                                .computeIfAbsent(rule.method(), method -> new java.util.ArrayList<>())
                                .add(prefix + rule.requirement());
                    }
                    authorities.forEach((method, accepted) ->
                            requests.methods(method).hasAnyAuthority(accepted.toArray(String[]::new)));
                    requests.methods(HEALTH_METHODS).permitAll();
                    requests.allRequests().denyAll();
                })
                .oauth2ResourceServer(resourceServer ->
                        resourceServer.jwt(jwt -> jwt.decoder(tokens.decoder(security, revocations.getIfAvailable()))
                                .jwtAuthenticationConverter(tokens.authenticationConverter())))
                .build();
    }

    @Bean
    @GlobalServerInterceptor
    @Order(Ordered.LOWEST_PRECEDENCE)
    @ConditionalOnBean(GrpcServerFactory.class)
    StreamMessageLimitInterceptor grpcStreamMessageLimit(GrpcServerLimitsProperties limits) {
        return new StreamMessageLimitInterceptor(limits.maxMessagesPerStream());
    }

    /** The per-connection call limit, which only Netty's server builder offers. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(NettyServerBuilder.class)
    static class NettyLimits {

        @Bean
        @ConditionalOnBean(GrpcServerFactory.class)
        ServerBuilderCustomizer<NettyServerBuilder> grpcConcurrentCallsPerConnection(
                GrpcServerLimitsProperties limits) {
            return builder -> builder.maxConcurrentCallsPerConnection(limits.maxConcurrentCallsPerConnection());
        }
    }
}
