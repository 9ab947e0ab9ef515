package io.polyclinic.analytics.enrichment;

import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;
import org.jspecify.annotations.Nullable;

/**
 * Browser, operating system and device class of a user agent, by Yauaa (decision 0049). Only the three fields used
 * are configured, which keeps Yauaa's rule set, memory and start time down; the analyzer is built on first use (a
 * few seconds on one core), so the service starts without waiting for it, and parsed agents are cached.
 */
public final class UserAgents {

    /** What a user agent says, or {@code Unknown} for each part it does not. */
    public record Agent(String browser, String os, String device) {}

    private static final String UNKNOWN = "Unknown";
    private static final int MAX_LENGTH = 100;

    private final int cacheSize;
    private volatile @Nullable UserAgentAnalyzer analyzer;

    /** @param cacheSize how many parsed user agents are cached (0: none) */
    public UserAgents(int cacheSize) {
        this.cacheSize = cacheSize;
    }

    /** Classifies {@code userAgent}; blank or absent gives {@code Unknown} for all three. */
    public Agent classify(@Nullable String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return new Agent(UNKNOWN, UNKNOWN, UNKNOWN);
        }
        var parsed = analyzer().parse(userAgent);
        return new Agent(
                value(parsed, UserAgent.AGENT_NAME),
                value(parsed, UserAgent.OPERATING_SYSTEM_NAME),
                value(parsed, UserAgent.DEVICE_CLASS));
    }

    /** Builds the analyzer now (for a warm-up outside the first batch). */
    public void warmUp() {
        analyzer();
    }

    private UserAgentAnalyzer analyzer() {
        var current = analyzer;
        if (current == null) {
            synchronized (this) {
                current = analyzer;
                if (current == null) {
                    var builder = UserAgentAnalyzer.newBuilder()
                            .hideMatcherLoadStats()
                            .withField(UserAgent.AGENT_NAME)
                            .withField(UserAgent.OPERATING_SYSTEM_NAME)
                            .withField(UserAgent.DEVICE_CLASS);
                    builder = cacheSize > 0 ? builder.withCache(cacheSize) : builder.withoutCache();
                    current = builder.build();
                    analyzer = current;
                }
            }
        }
        return current;
    }

    private static String value(UserAgent parsed, String field) {
        var value = parsed.getValue(field);
        if (value == null || value.isBlank() || value.startsWith("??")) {
            return UNKNOWN;
        }
        return value.length() > MAX_LENGTH ? value.substring(0, MAX_LENGTH) : value;
    }
}
