package io.polyclinic.booking.config;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.lettuce.core.ClientOptions;
import io.polyclinic.booking.cache.BookingCache;
import io.polyclinic.booking.cache.CacheGeneration;
import io.polyclinic.booking.search.DoctorCard;
import io.polyclinic.booking.search.DoctorView;
import io.polyclinic.platform.paging.PageResponse;
import java.net.URI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.cache.CacheManager;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.data.redis.cache.BatchStrategies;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.serializer.JacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wiring of the doctor card and search page cache (decision 0014): Redis caches with TTLs when Redis is configured
 * ({@code REDIS_URL}, {@code spring.data.redis.url} or {@code .host}), else bounded in-process Caffeine caches. Both
 * are Spring {@link CacheManager}s, so Boot's cache metrics binder publishes {@code cache.gets{result=hit|miss}},
 * {@code cache.puts} and {@code cache.evictions} per cache at {@code /actuator/prometheus}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BookingCacheProperties.class)
public class BookingCacheConfiguration {

    private static final Logger log = LoggerFactory.getLogger(BookingCacheConfiguration.class);

    /**
     * Starts from an empty cache: a shared Redis may hold entries from before data changed behind the service's back
     * (a restore, a bulk load, the demo data top-up).
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> clearBookingCacheOnStart(BookingCache cache) {
        return event -> cache.evictAll();
    }

    /** Redis is configured: {@code REDIS_URL}, {@code spring.data.redis.url} or {@code spring.data.redis.host}. */
    static class RedisConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            var env = context.getEnvironment();
            return hasText(env.getProperty("REDIS_URL"))
                    || hasText(env.getProperty("spring.data.redis.url"))
                    || hasText(env.getProperty("spring.data.redis.host"));
        }

        private static boolean hasText(String value) {
            return value != null && !value.isBlank();
        }
    }

    /** Redis is not configured. */
    static class RedisNotConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !new RedisConfigured().matches(context, metadata);
        }
    }

    /** In-process caches: bounded (W-TinyLFU, better than LRU) and expiring, with statistics for the metrics. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(RedisNotConfigured.class)
    static class InProcess {

        @Bean
        CacheManager bookingCacheManager(BookingCacheProperties properties) {
            var manager = new CaffeineCacheManager();
            manager.setAllowNullValues(false);
            manager.registerCustomCache(
                    BookingCache.CARDS,
                    Caffeine.newBuilder()
                            .maximumSize(properties.cardMaxEntries())
                            .expireAfterWrite(properties.cardTtl())
                            .recordStats()
                            .build());
            manager.registerCustomCache(
                    BookingCache.SEARCHES,
                    Caffeine.newBuilder()
                            .maximumSize(properties.searchMaxEntries())
                            .expireAfterWrite(properties.searchTtl())
                            .recordStats()
                            .build());
            return manager;
        }

        @Bean
        BookingCache bookingCache(CacheManager bookingCacheManager, BookingCacheProperties properties) {
            if (!properties.enabled()) {
                return BookingCache.disabled();
            }
            log.info("Booking cache: in-process (Caffeine)");
            return new BookingCache(
                    bookingCacheManager.getCache(BookingCache.CARDS),
                    bookingCacheManager.getCache(BookingCache.SEARCHES),
                    CacheGeneration.local(),
                    CacheGeneration.local(),
                    false,
                    Duration.ZERO);
        }
    }

    /** Redis caches: entries expire (TTL), so Redis's {@code volatile-lru} policy may drop them under memory pressure. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(RedisConfigured.class)
    static class Redis {

        private static final String PREFIX = "booking:";

        /** {@code REDIS_URL} ({@code redis://[user:password@]host:port[/database]}) wins over spring.data.redis.*. */
        @Bean
        @ConditionalOnProperty("REDIS_URL")
        DataRedisConnectionDetails redisUrlConnectionDetails(org.springframework.core.env.Environment env) {
            var uri = URI.create(env.getRequiredProperty("REDIS_URL").strip());
            var userInfo = uri.getUserInfo();
            String user = null;
            String password = null;
            if (userInfo != null) {
                var colon = userInfo.indexOf(':');
                user = colon < 0 ? null : userInfo.substring(0, colon);
                password = colon < 0 ? userInfo : userInfo.substring(colon + 1);
                if (user != null && user.isEmpty()) {
                    user = null;
                }
            }
            var path = uri.getPath() == null ? "" : uri.getPath().replace("/", "");
            var database = path.isEmpty() ? 0 : Integer.parseInt(path);
            var standalone = DataRedisConnectionDetails.Standalone.of(
                    uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(), database);
            var finalUser = user;
            var finalPassword = password;
            return new DataRedisConnectionDetails() {
                @Override
                public String getUsername() {
                    return finalUser;
                }

                @Override
                public String getPassword() {
                    return finalPassword;
                }

                @Override
                public Standalone getStandalone() {
                    return standalone;
                }
            };
        }

        /** While disconnected, commands fail at once instead of queueing until the command timeout. */
        @Bean
        LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
            return builder -> builder.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
        }

        @Bean
        CacheManager bookingCacheManager(
                RedisConnectionFactory connectionFactory, BookingCacheProperties properties, JsonMapper json) {
            var cards = RedisCacheConfiguration.defaultCacheConfig()
                    .computePrefixWith(name -> PREFIX + name + "::")
                    .disableCachingNullValues()
                    .entryTtl(properties.cardTtl())
                    .serializeValuesWith(
                            SerializationPair.fromSerializer(new JacksonJsonRedisSerializer<>(json, DoctorCard.class)));
            var pageType = json.getTypeFactory().constructParametricType(PageResponse.class, DoctorView.class);
            var searches = RedisCacheConfiguration.defaultCacheConfig()
                    .computePrefixWith(name -> PREFIX + name + "::")
                    .disableCachingNullValues()
                    .entryTtl(properties.searchTtl())
                    .serializeValuesWith(
                            SerializationPair.fromSerializer(new JacksonJsonRedisSerializer<>(json, pageType)));
            // BookingCache retires entries by generation and never clears Redis; a clear() would SCAN, never KEYS
            var writer = RedisCacheWriter.nonLockingRedisCacheWriter(connectionFactory, BatchStrategies.scan(1000));
            return RedisCacheManager.builder(writer)
                    .cacheDefaults(cards)
                    .withCacheConfiguration(BookingCache.CARDS, cards)
                    .withCacheConfiguration(BookingCache.SEARCHES, searches)
                    .disableCreateOnMissingCache()
                    .enableStatistics()
                    .build();
        }

        @Bean
        BookingCache bookingCache(
                CacheManager bookingCacheManager, StringRedisTemplate redis, BookingCacheProperties properties) {
            if (!properties.enabled()) {
                return BookingCache.disabled();
            }
            log.info("Booking cache: Redis");
            return new BookingCache(
                    bookingCacheManager.getCache(BookingCache.CARDS),
                    bookingCacheManager.getCache(BookingCache.SEARCHES),
                    CacheGeneration.redis(redis, PREFIX + BookingCache.CARDS + ":generation"),
                    CacheGeneration.redis(redis, PREFIX + BookingCache.SEARCHES + ":generation"),
                    true,
                    properties.redisRetryAfter());
        }
    }
}
