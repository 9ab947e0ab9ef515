package io.polyclinic.analytics.enrichment;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Classifies a referrer into a source, the way web analytics tools name them: {@code utm_source} when the page URL
 * has one; else {@code Direct / None} without a referrer or when it is the site itself; else a known source's name
 * ({@code Google} for any {@code google.*} host, {@code Facebook}, ...); else the referrer's host without
 * {@code www.}.
 */
public final class ReferrerSources {

    /** The source of visits without a (foreign) referrer. */
    public static final String DIRECT = "Direct / None";

    private static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("google", "Google"),
            Map.entry("bing", "Bing"),
            Map.entry("duckduckgo", "DuckDuckGo"),
            Map.entry("yandex", "Yandex"),
            Map.entry("yahoo", "Yahoo!"),
            Map.entry("baidu", "Baidu"),
            Map.entry("ecosia", "Ecosia"),
            Map.entry("facebook", "Facebook"),
            Map.entry("instagram", "Instagram"),
            Map.entry("twitter", "Twitter"),
            Map.entry("linkedin", "LinkedIn"),
            Map.entry("youtube", "YouTube"),
            Map.entry("reddit", "Reddit"),
            Map.entry("github", "GitHub"),
            Map.entry("wikipedia", "Wikipedia"));

    /** Short hosts whose first label alone would be ambiguous. */
    private static final Map<String, String> EXACT = Map.of(
            "t.co", "Twitter", "x.com", "Twitter", "fb.me", "Facebook", "lnkd.in", "LinkedIn", "vk.com", "VKontakte");

    private ReferrerSources() {}

    /**
     * The referrer's host, lower case without {@code www.}, or null for none, an unparsable one, or one of the
     * site's own domains (or their subdomains).
     */
    public static @Nullable String referrerHost(@Nullable String referrer, List<String> siteDomains) {
        if (referrer == null || referrer.isBlank()) {
            return null;
        }
        String host;
        try {
            host = URI.create(referrer.strip()).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (host == null) {
            return null;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("www.")) {
            host = host.substring(4);
        }
        for (var domain : siteDomains) {
            var own = domain.startsWith("www.") ? domain.substring(4) : domain;
            if (host.equals(own) || host.endsWith("." + own)) {
                return null;
            }
        }
        return host.length() > 253 ? host.substring(0, 253) : host;
    }

    /** The source: {@code utmSource} if given, else the known name of {@code referrerHost}, else the host itself. */
    public static String source(@Nullable String referrerHost, @Nullable String utmSource) {
        if (utmSource != null && !utmSource.isBlank()) {
            return truncate(utmSource.strip());
        }
        if (referrerHost == null) {
            return DIRECT;
        }
        var exact = EXACT.get(referrerHost);
        if (exact != null) {
            return exact;
        }
        // Any label but the top-level domain: google.com, news.google.com, google.co.uk, m.facebook.com.
        var labels = referrerHost.split("\\.");
        for (int i = 0; i < labels.length - 1; i++) {
            var known = KNOWN.get(labels[i]);
            if (known != null) {
                return known;
            }
        }
        return truncate(referrerHost);
    }

    private static String truncate(String text) {
        return text.length() > 100 ? text.substring(0, 100) : text;
    }
}
