package io.polyclinic.analytics.site;

/**
 * What the sites API needs from the configuration.
 *
 * @param collectorUrl the collector's public base URL, written into snippets
 */
public record SiteSettings(String collectorUrl) {}
