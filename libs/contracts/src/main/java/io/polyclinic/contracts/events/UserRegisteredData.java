package io.polyclinic.contracts.events;

import java.util.UUID;

/**
 * The data of UserRegistered.
 *
 * @param userId the new user (also the record key)
 * @param email the normalized email
 * @param fullName the full name
 */
public record UserRegisteredData(UUID userId, String email, String fullName) {}
