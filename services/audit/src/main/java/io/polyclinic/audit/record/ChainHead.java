package io.polyclinic.audit.record;

/**
 * The newest link of the hash chain.
 *
 * @param lastSeq the last record's {@code seq}, 0 for an empty log
 * @param lastHash the last record's hash, 32 zero bytes for an empty log
 */
public record ChainHead(long lastSeq, byte[] lastHash) {}
