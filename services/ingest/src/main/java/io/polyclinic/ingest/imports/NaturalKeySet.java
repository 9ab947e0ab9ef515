package io.polyclinic.ingest.imports;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The natural keys seen so far in one file, to report a key's second occurrence as a row error. Each key is kept as
 * the 128-bit MD5 digest of its values (not for security: a compact fingerprint whose accidental collision among a few
 * million keys has a probability around 1e-26), in an open-addressing table with the row that first had it: 24 bytes
 * per key, so a million-row file costs under 50 MB.
 */
final class NaturalKeySet {

    private final MessageDigest md5;
    private long[] high = new long[1 << 14];
    private long[] low = new long[1 << 14];
    private long[] rows = new long[1 << 14];
    private int size;

    NaturalKeySet() {
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }

    /**
     * Adds a key.
     *
     * @param values the natural key's values, in key order ({@code null} for an empty optional one)
     * @param row the row that has it
     * @return 0 when the key is new, else the row that had it first
     */
    long add(List<Object> values, long row) {
        for (var value : values) {
            md5.update(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
            md5.update((byte) 0);
        }
        var digest = ByteBuffer.wrap(md5.digest());
        long h = digest.getLong();
        long l = digest.getLong();
        if (h == 0 && l == 0) {
            l = 1; // 0/0 marks a free slot
        }
        if (size * 2 >= rows.length) {
            grow();
        }
        int mask = rows.length - 1;
        int slot = (int) (l ^ (l >>> 32)) & mask;
        while (rows[slot] != 0) {
            if (high[slot] == h && low[slot] == l) {
                return rows[slot];
            }
            slot = (slot + 1) & mask;
        }
        high[slot] = h;
        low[slot] = l;
        rows[slot] = row;
        size++;
        return 0;
    }

    private void grow() {
        var oldHigh = high;
        var oldLow = low;
        var oldRows = rows;
        high = new long[oldRows.length * 2];
        low = new long[oldRows.length * 2];
        rows = new long[oldRows.length * 2];
        int mask = rows.length - 1;
        for (int i = 0; i < oldRows.length; i++) {
            if (oldRows[i] != 0) {
                int slot = (int) (oldLow[i] ^ (oldLow[i] >>> 32)) & mask;
                while (rows[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                high[slot] = oldHigh[i];
                low[slot] = oldLow[i];
                rows[slot] = oldRows[i];
            }
        }
    }
}
