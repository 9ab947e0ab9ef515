package io.polyclinic.analytics.enrichment;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The visitor id: a daily-rotating salted hash, so no identifier of a person is stored and a visitor cannot be
 * followed from one day to the next (decision 0049, after Plausible's scheme).
 *
 * <p>salt(day) = HMAC-SHA256(secret, "polyclinic-visitor-salt:" + day), day the event's UTC date; visitor =
 * the first 64 bits of HMAC-SHA256(salt(day), site id + NUL + IP + NUL + user agent). The salt is never stored: it is
 * derived again from the configured secret, and a day's salt is forgotten when the day is over (only today's and
 * yesterday's are kept in memory, for late events). Rotating or losing the secret only starts new visitor ids.
 */
public final class VisitorIds {

    private static final String HMAC = "HmacSHA256";

    private final byte[] secret;
    private final ConcurrentMap<LocalDate, byte[]> salts = new ConcurrentHashMap<>();

    /** @param secret the configured secret, at least 32 characters */
    public VisitorIds(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The visitor id of one browser on one site on one UTC day.
     *
     * @param day the UTC date of the event
     * @param siteId the site's id
     * @param ip the client's IP address as text (empty when unknown)
     * @param userAgent the user agent (empty when unknown)
     */
    public long visitorId(LocalDate day, UUID siteId, String ip, String userAgent) {
        var mac = mac(salt(day));
        mac.update(siteId.toString().getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        mac.update(ip.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        mac.update(userAgent.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(mac.doFinal()).getLong();
    }

    private byte[] salt(LocalDate day) {
        var salt = salts.get(day);
        if (salt == null) {
            var mac = mac(secret);
            salt = mac.doFinal(("polyclinic-visitor-salt:" + day).getBytes(StandardCharsets.UTF_8));
            if (salts.size() > 4) {
                salts.keySet().removeIf(d -> d.isBefore(day.minusDays(1)));
            }
            salts.put(day, salt);
        }
        return salt;
    }

    private static Mac mac(byte[] key) {
        try {
            var mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
