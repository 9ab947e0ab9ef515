package io.polyclinic.booking.config;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import io.polyclinic.platform.security.AuthorizationRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * URL rules of the booking service: the catalogue (doctors, their slots and reviews, specialties, clinics) is public;
 * booking and reviewing need the PATIENT role; everything under {@code /api/v1/admin/} needs ADMIN or CLINIC_MANAGER (finer checks are
 * {@code @PreAuthorize} on the controllers and clinic ownership in the services); the rest needs a valid token.
 */
@Configuration(proxyBeanMethods = false)
public class BookingAuthorizationRules {

    @Bean
    AuthorizationRules bookingRules() {
        return registry -> registry.requestMatchers(
                        GET,
                        "/api/v1/doctors",
                        "/api/v1/doctors/*",
                        "/api/v1/doctors/*/slots",
                        "/api/v1/doctors/*/reviews",
                        "/api/v1/doctors/*/reviews/*")
                .permitAll()
                .requestMatchers(GET, "/api/v1/specialties", "/api/v1/clinics", "/api/v1/clinics/*")
                .permitAll()
                .requestMatchers(POST, "/api/v1/appointments", "/api/v1/doctors/*/reviews")
                .hasRole("PATIENT")
                .requestMatchers("/api/v1/admin/**")
                .hasAnyRole("ADMIN", "CLINIC_MANAGER");
    }
}
