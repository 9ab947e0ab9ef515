package io.polyclinic.platform.json;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * Strict JSON for request bodies: a number or boolean where text is expected is a 400, not silently turned into
 * {@code "42"} (the reverse, text for a number, is refused by {@code allow-coercion-of-scalars=false} in the platform
 * defaults).
 */
@AutoConfiguration(beforeName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
public class PlatformJsonAutoConfiguration {

    @Bean
    JsonMapperBuilderCustomizer strictTextCoercion() {
        return builder -> builder.withCoercionConfig(
                LogicalType.Textual, config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
