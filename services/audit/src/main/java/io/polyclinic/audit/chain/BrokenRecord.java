package io.polyclinic.audit.chain;

import java.util.UUID;

/**
 * The first position where the chain does not hold.
 *
 * @param seq the position
 * @param id the record found there, {@code null} when it is missing
 * @param reason why it does not hold
 */
public record BrokenRecord(long seq, UUID id, BreakReason reason) {}
