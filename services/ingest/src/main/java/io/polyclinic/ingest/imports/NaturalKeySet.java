package io.polyclinic.ingest.imports;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The natural keys seen so far in one file, to report a key's second occurrence as a row error. Text is compared
 * without regard to case (each code point lower-cased on its own, so the few context-dependent rules of
 * {@link String#toLowerCase}, such as a Greek final sigma, do not apply). Each key is kept as the 128-bit MD5 digest
 * of its values (not for security: a compact fingerprint whose accidental collision among a few million keys has a
 * probability around 1e-26), in an open-addressing table with the row that first had it: 24 bytes per key, so a
 * million-row file costs under 50 MB. A key is digested from a scratch buffer, with nothing allocated per row but the
 * text of a value that is not a string. One per file, used by one thread.
 */
final class NaturalKeySet {

    private final MessageDigest md5;
    private final byte[] digest = new byte[16];
    private byte[] scratch = new byte[256];
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
            digestLowerCase(value instanceof String text ? text : String.valueOf(value));
        }
        try {
            md5.digest(digest, 0, digest.length);
        } catch (DigestException e) {
            throw new IllegalStateException("an MD5 digest is 16 bytes", e);
        }
        long h = longAt(0);
        long l = longAt(8);
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

    /**
     * Feeds one value: the number of UTF-16 units of its lower-cased form, then those units, two bytes each (the
     * length keeps ("ab", "c") apart from ("a", "bc")).
     */
    private void digestLowerCase(String text) {
        int needed = 4 + 4 * text.length(); // lower-casing may turn a unit into two
        if (scratch.length < needed) {
            scratch = new byte[Math.max(needed, 2 * scratch.length)];
        }
        int at = 4;
        for (int i = 0; i < text.length(); ) {
            int original = text.codePointAt(i);
            int lower = Character.toLowerCase(original);
            if (Character.isBmpCodePoint(lower)) {
                at = putUnit(at, (char) lower);
            } else {
                at = putUnit(at, Character.highSurrogate(lower));
                at = putUnit(at, Character.lowSurrogate(lower));
            }
            i += Character.charCount(original);
        }
        int units = (at - 4) / 2;
        scratch[0] = (byte) (units >>> 24);
        scratch[1] = (byte) (units >>> 16);
        scratch[2] = (byte) (units >>> 8);
        scratch[3] = (byte) units;
        md5.update(scratch, 0, at);
    }

    private int putUnit(int at, char unit) {
        scratch[at] = (byte) (unit >>> 8);
        scratch[at + 1] = (byte) unit;
        return at + 2;
    }

    private long longAt(int offset) {
        long value = 0;
        for (int i = offset; i < offset + 8; i++) {
            value = (value << 8) | (digest[i] & 0xFF);
        }
        return value;
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
