package io.polyclinic.platform.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Every pooled connection gets bounded statements and idle transactions, merged into what a service passes. */
class DatabaseTimeoutsEnvironmentPostProcessorTest {

    private static String optionsWith(Map<String, Object> properties) {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("service", new HashMap<>(properties)));
        new DatabaseTimeoutsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty(DatabaseTimeoutsEnvironmentPostProcessor.OPTIONS);
    }

    @Test
    void withoutServiceOptionsTheDefaultLimitsAreSet() {
        assertThat(optionsWith(Map.of()))
                .isEqualTo("-c statement_timeout=30000 -c idle_in_transaction_session_timeout=60000");
    }

    @Test
    void aServicesOwnOptionsAreKeptAndTheLimitsAppended() {
        assertThat(optionsWith(Map.of(
                        DatabaseTimeoutsEnvironmentPostProcessor.OPTIONS, "-c plan_cache_mode=force_custom_plan")))
                .isEqualTo("-c plan_cache_mode=force_custom_plan -c statement_timeout=30000"
                        + " -c idle_in_transaction_session_timeout=60000");
    }

    @Test
    void optionsFromAPropertySourceAddedLaterAreMergedToo() {
        // A service's @PropertySource file (booking.properties) joins the environment after the post-processors.
        var environment = new StandardEnvironment();
        new DatabaseTimeoutsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "booking.properties",
                        Map.of(
                                DatabaseTimeoutsEnvironmentPostProcessor.OPTIONS,
                                "-c plan_cache_mode=force_custom_plan")));

        assertThat(environment.getProperty(DatabaseTimeoutsEnvironmentPostProcessor.OPTIONS))
                .isEqualTo("-c plan_cache_mode=force_custom_plan -c statement_timeout=30000"
                        + " -c idle_in_transaction_session_timeout=60000");
    }

    @Test
    void theLimitsFollowTheirPropertiesAndZeroSwitchesOneOff() {
        assertThat(optionsWith(Map.of(
                        DatabaseTimeoutsEnvironmentPostProcessor.STATEMENT_TIMEOUT, "2m",
                        DatabaseTimeoutsEnvironmentPostProcessor.IDLE_IN_TRANSACTION_TIMEOUT, "0")))
                .isEqualTo("-c statement_timeout=120000 -c idle_in_transaction_session_timeout=0");
    }

    @Test
    void aLimitTheServiceSetsInItsOptionsWins() {
        assertThat(optionsWith(Map.of(DatabaseTimeoutsEnvironmentPostProcessor.OPTIONS, "-c statement_timeout=5min")))
                .isEqualTo("-c statement_timeout=5min -c idle_in_transaction_session_timeout=60000");
    }
}
