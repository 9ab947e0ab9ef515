package io.polyclinic.booking.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The doctor card and search page cache ({@code polyclinic.booking.cache.*}, decision 0014). In-process (Caffeine)
 * unless Redis is configured ({@code REDIS_URL}, {@code spring.data.redis.url} or {@code spring.data.redis.host}).
 *
 * @param enabled cache at all ({@code enabled}, default true); off, every read goes to the database
 * @param cardTtl how long a doctor card stays cached ({@code card-ttl}, default 10m); writes evict it at once
 * @param searchTtl how long a search page stays cached ({@code search-ttl}, default 30s); writes evict every page
 * @param cardMaxEntries in-process bound on cached cards, least recently/frequently used go first
 *     ({@code card-max-entries}, default 10000)
 * @param searchMaxEntries in-process bound on cached search pages ({@code search-max-entries}, default 2000)
 * @param redisRetryAfter after a Redis error, how long reads and writes skip Redis and go to the database
 *     ({@code redis-retry-after}, default 5s)
 */
@Validated
@ConfigurationProperties("polyclinic.booking.cache")
public record BookingCacheProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10m") @NotNull Duration cardTtl,
        @DefaultValue("30s") @NotNull Duration searchTtl,
        @DefaultValue("10000") @Min(1) @Max(10_000_000) int cardMaxEntries,
        @DefaultValue("2000") @Min(1) @Max(10_000_000) int searchMaxEntries,
        @DefaultValue("5s") @NotNull Duration redisRetryAfter) {}
