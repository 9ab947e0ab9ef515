package io.polyclinic.collector.tracker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * {@code tracker.js} as served: read once from {@link #RESOURCE}, with its gzip form and a strong ETag (SHA-256 of the
 * text, first 16 bytes). Immutable.
 *
 * @param plain the script, UTF-8
 * @param gzipped the same, gzip-compressed
 * @param etag the quoted entity tag
 */
public record TrackerScript(byte[] plain, byte[] gzipped, String etag) {

    /** The classpath resource of the script. */
    public static final String RESOURCE = "/collector/tracker.js";

    /** Loads the script from the classpath. */
    public static TrackerScript load() {
        try (var in = TrackerScript.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + RESOURCE);
            }
            var plain = in.readAllBytes();
            var buffer = new ByteArrayOutputStream();
            try (var gzip = new GZIPOutputStream(buffer)) {
                gzip.write(plain);
            }
            var digest = MessageDigest.getInstance("SHA-256").digest(plain);
            return new TrackerScript(
                    plain, buffer.toByteArray(), '"' + HexFormat.of().formatHex(digest, 0, 16) + '"');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
