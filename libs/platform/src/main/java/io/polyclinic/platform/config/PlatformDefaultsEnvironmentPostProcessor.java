package io.polyclinic.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code polyclinic-platform-defaults.properties} as the lowest-priority property source, so every service
 * shares the platform's defaults (virtual threads, strict JSON, actuator exposure, graceful shutdown) while its own
 * {@code application.yml}, a config file and environment variables still override them (S0 "Configuration").
 */
public class PlatformDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String RESOURCE = "polyclinic-platform-defaults.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            for (var source : new PropertiesPropertySourceLoader().load(RESOURCE, new ClassPathResource(RESOURCE))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }
}
