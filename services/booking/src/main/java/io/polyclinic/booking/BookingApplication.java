package io.polyclinic.booking;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;

/** The booking service (S3): clinics, specialties, doctors and their search, slots, working plans, appointments. */
@SpringBootApplication
@PropertySource("classpath:booking.properties")
public class BookingApplication {

    public static void main(String[] args) {
        SpringApplication.run(BookingApplication.class, args);
    }
}
