package io.polyclinic.analytics.enrichment;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The parts of a page URL the processor keeps: host, path, and the UTM parameters of its query. */
public final class PageUrls {

    /**
     * A parsed page URL.
     *
     * @param hostname lower-case host
     * @param path the path without query or fragment ({@code /} when empty), at most 2048 characters
     * @param utmSource {@code utm_source}, or null
     * @param utmMedium {@code utm_medium}, or null
     * @param utmCampaign {@code utm_campaign}, or null
     */
    public record PageUrl(
            String hostname,
            String path,
            @Nullable String utmSource,
            @Nullable String utmMedium,
            @Nullable String utmCampaign) {}

    private static final int MAX_PATH = 2048;
    private static final int MAX_UTM = 200;

    private PageUrls() {}

    /**
     * Parses an absolute http(s) URL.
     *
     * @throws IllegalArgumentException when it is none, or has no host
     */
    public static PageUrl parse(String url) {
        var uri = URI.create(url.strip());
        var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("not an absolute http(s) URL");
        }
        var path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (path.length() > MAX_PATH) {
            path = path.substring(0, MAX_PATH);
        }
        var query = query(uri.getRawQuery());
        return new PageUrl(
                uri.getHost().toLowerCase(Locale.ROOT),
                path,
                query.get("utm_source"),
                query.get("utm_medium"),
                query.get("utm_campaign"));
    }

    private static Map<String, String> query(@Nullable String raw) {
        var values = new HashMap<String, String>();
        if (raw == null) {
            return values;
        }
        for (var pair : raw.split("&", 50)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            var name = pair.substring(0, eq);
            if (!name.startsWith("utm_")) {
                continue;
            }
            try {
                var value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)
                        .strip();
                if (!value.isEmpty() && value.chars().noneMatch(Character::isISOControl)) {
                    values.putIfAbsent(name, value.length() > MAX_UTM ? value.substring(0, MAX_UTM) : value);
                }
            } catch (IllegalArgumentException ignored) {
                // A malformed escape: the parameter is left out, the page view still counts.
            }
        }
        return values;
    }
}
