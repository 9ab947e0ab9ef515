package io.polyclinic.analytics.processor;

/**
 * Why a record of a batch was not stored: it goes to the dead-letter topic with these.
 *
 * @param index the record's position in its batch
 * @param reason a short code: {@code too-large}, {@code malformed-json}, {@code schema}, {@code unknown-site},
 *     {@code invalid-url}, {@code expired} (older than the retention), {@code future}
 * @param detail what is wrong, without the record's personal values (no IP address, no user agent)
 */
public record Rejection(int index, String reason, String detail) {}
