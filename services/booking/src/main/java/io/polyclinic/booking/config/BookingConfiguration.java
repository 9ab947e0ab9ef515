package io.polyclinic.booking.config;

import io.polyclinic.booking.shared.BookingProperties;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Wiring of the booking service: its properties, the clock every rule reads "now" from, and scheduling (the
 * appointment completion job).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BookingProperties.class)
@EnableScheduling
public class BookingConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
