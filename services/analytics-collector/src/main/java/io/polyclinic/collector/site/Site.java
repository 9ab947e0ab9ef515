package io.polyclinic.collector.site;

import java.util.List;
import java.util.Locale;

/**
 * A tracked site as the collector knows it from the topic {@code analytics.sites}.
 *
 * @param trackingId the public tracking id (the record key)
 * @param domains lower-case host names, no scheme, port or path
 * @param active whether its events are accepted
 */
public record Site(String trackingId, List<String> domains, boolean active) {

    public Site {
        domains = List.copyOf(domains);
    }

    /**
     * Whether a page host belongs to this site: one of its domains or a subdomain of one ({@code www.clinic.example}
     * and {@code blog.clinic.example} belong to {@code clinic.example}).
     *
     * @param host the URL's host, any case; {@code null} never belongs
     */
    public boolean owns(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        var lower = host.toLowerCase(Locale.ROOT);
        for (var domain : domains) {
            if (lower.equals(domain) || lower.endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }
}
