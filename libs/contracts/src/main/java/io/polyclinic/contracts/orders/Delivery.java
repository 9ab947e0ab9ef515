package io.polyclinic.contracts.orders;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where an {@link Order} goes and to whom. Every field is personal data: never logged.
 *
 * @param name the recipient's full name
 * @param phone the recipient's phone number, as given ({@code +9720000000})
 * @param zip the postal code, as text
 * @param city the city
 * @param address the street address
 * @param region the region
 * @param email the recipient's email address
 */
public record Delivery(
        @JsonProperty("name") String name,
        @JsonProperty("phone") String phone,
        @JsonProperty("zip") String zip,
        @JsonProperty("city") String city,
        @JsonProperty("address") String address,
        @JsonProperty("region") String region,
        @JsonProperty("email") String email) {}
