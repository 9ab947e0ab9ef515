package io.polyclinic.identity.auth;

/**
 * Where a login comes from, shown in the session list.
 *
 * @param ip the client address (see {@code server.forward-headers-strategy}), at most 64 characters
 * @param userAgent the {@code User-Agent} header, cut to 512 characters; may be null
 */
public record ClientInfo(String ip, String userAgent) {

    public ClientInfo {
        ip = cut(ip, 64);
        userAgent = cut(userAgent, 512);
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
