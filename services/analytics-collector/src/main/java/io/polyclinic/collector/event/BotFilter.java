package io.polyclinic.collector.event;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Tells bots from browsers by the {@code User-Agent}, with the pattern list of the {@code isbot} project (public domain,
 * Unlicense; maintained, about 200 patterns for crawlers, spiders, monitors, HTTP libraries and headless tools),
 * vendored unchanged as {@code collector/isbot-<version>.txt}, one regular expression a line. A request without a user
 * agent, or with one longer than any browser's, counts as a bot. Verdicts are cached per user agent (bounded), so the pattern runs once per distinct agent.
 */
public final class BotFilter {

    /** The vendored list (update: take {@code list} from the new {@code isbot} npm release, one entry a line). */
    public static final String LIST = "/collector/isbot-5.2.3.txt";

    /** No browser sends a longer user agent; the raw event keeps at most this many characters. */
    static final int MAX_LENGTH = 1000;

    private final Pattern pattern;
    private final Cache<String, Boolean> verdicts =
            Caffeine.newBuilder().maximumSize(10_000).build();

    public BotFilter() {
        try (var in = BotFilter.class.getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + LIST);
            }
            var lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.isEmpty())
                    .collect(Collectors.joining("|"));
            this.pattern = Pattern.compile(lines, Pattern.CASE_INSENSITIVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether this user agent is a bot's; {@code null}, blank or longer than {@value #MAX_LENGTH} characters is. */
    public boolean isBot(String userAgent) {
        if (userAgent == null || userAgent.isBlank() || userAgent.length() > MAX_LENGTH) {
            return true;
        }
        return verdicts.get(userAgent, agent -> pattern.matcher(agent).find());
    }
}
