package io.polyclinic.platform.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The OpenAPI 3 document of a service ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}): titled after
 * {@code spring.application.name}, with the bearer JWT scheme applied to every operation.
 */
@AutoConfiguration
public class PlatformOpenApiAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OpenAPI polyclinicOpenApi(@Value("${spring.application.name:polyclinic}") String name) {
        return new OpenAPI()
                .info(new Info()
                        .title("Polyclinic " + name + " API")
                        .version("v1")
                        .description("Errors are RFC 9457 problem details (application/problem+json)."))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer-jwt",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer-jwt"));
    }
}
