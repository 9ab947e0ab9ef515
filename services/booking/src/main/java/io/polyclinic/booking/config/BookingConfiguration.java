package io.polyclinic.booking.config;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the booking service: its properties and the clock every rule reads "now" from. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BookingProperties.class)
public class BookingConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
