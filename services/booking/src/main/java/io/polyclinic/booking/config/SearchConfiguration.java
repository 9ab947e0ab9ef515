package io.polyclinic.booking.config;

import io.polyclinic.booking.search.SearchProperties;
import io.polyclinic.booking.search.SearchRules;
import io.polyclinic.booking.shared.BookingProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of doctor search: its own settings and the booking rules it applies. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SearchProperties.class)
public class SearchConfiguration {

    @Bean
    SearchRules searchRules(BookingProperties booking) {
        return new SearchRules(booking.minNotice(), booking.maxSlotRangeDays());
    }
}
