package io.polyclinic.audit.record;

import java.time.Instant;

/**
 * The audit chain's anchor, the part of the chain's state kept outside the database (decision 0030).
 *
 * @param seq the last anchored position, 0 for an empty log
 * @param hash the link at {@code seq}, 32 bytes ({@link io.polyclinic.audit.record.HashChain#GENESIS} at 0)
 * @param keyedFromSeq the first position whose link is keyed; every record before it carries an unkeyed SHA-256 link
 *     from before the chain was keyed
 * @param writtenAt when the anchor was written
 * @param keyId the id of the chain key whose HMAC seals the anchor
 */
public record ChainAnchor(long seq, byte[] hash, long keyedFromSeq, Instant writtenAt, String keyId) {}
