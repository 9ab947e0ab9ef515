package io.polyclinic.orders.ingest;

/**
 * A record of a batch that is not stored and goes to the dead-letter topic.
 *
 * @param index the record's place in its batch
 * @param failure why
 */
public record Rejection(int index, InvalidOrderException failure) {}
