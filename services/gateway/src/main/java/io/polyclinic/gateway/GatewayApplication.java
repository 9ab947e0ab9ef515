package io.polyclinic.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.PropertySource;

/**
 * The API gateway (S2): the single public entry point on port 8080. Routes {@code /api/v1/**} to identity and
 * booking, verifies access tokens before forwarding, answers 503/504 problems for unreachable or slow services,
 * limits each client's request rate and serves one Swagger UI over every service.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@PropertySource("classpath:gateway.properties")
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
