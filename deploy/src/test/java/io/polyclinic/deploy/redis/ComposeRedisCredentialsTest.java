package io.polyclinic.deploy.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.protocol.ProtocolVersion;
import io.polyclinic.deploy.RepositoryFiles;
import io.polyclinic.deploy.compose.ComposeFile;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.embedded.RedisServer;

/**
 * The compose stack's Redis ACL users, exercised on a real redis-server (the binary of
 * {@code com.github.codemonstur:embedded-redis}, as booking's cache tests use): the ACL file is the one
 * {@code redis/start.sh} writes (its heredoc, with the passwords of {@code .env.example}), and user {@code booking}
 * sends the commands booking's Redis cache sends (BookingCacheConfiguration: prefix {@code booking:}, generation
 * counters {@code booking:<cache>:generation}, entries {@code booking:<cache>::<key>} with a TTL, evictions by DEL,
 * a clear by SCAN and DEL).
 */
class ComposeRedisCredentialsTest {

    private static final Path START = RepositoryFiles.root().resolve("deploy/compose/redis/start.sh");
    private static final Pattern HEREDOC = Pattern.compile("<<ACL\\n(.*?)\\nACL\\n", Pattern.DOTALL);

    @TempDir
    static Path directory;

    private static RedisServer server;
    private static int port;
    private static Map<String, String> variables;

    @BeforeAll
    static void startRedisWithTheComposeAclFile() throws IOException {
        variables = ComposeFile.exampleVariables();
        var matcher = HEREDOC.matcher(Files.readString(START));
        assertThat(matcher.find())
                .as("start.sh writes its ACL file with a <<ACL heredoc")
                .isTrue();
        // The heredoc is unquoted: the shell expands ${...} in it, as ComposeFile.interpolate does here.
        var acl = directory.resolve("users.acl");
        Files.writeString(acl, ComposeFile.interpolate(matcher.group(1), variables) + "\n");
        try (var probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        server = RedisServer.newRedisServer()
                .bind("127.0.0.1")
                .port(port)
                .setting("aclfile " + acl.toAbsolutePath())
                .setting("maxmemory 64mb")
                .setting("maxmemory-policy volatile-lru")
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
        server.start();
    }

    @AfterAll
    static void stopRedis() throws IOException {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void bookingRunsItsCacheCommandsOnItsOwnKeys() {
        try (var client = client();
                var connection = connect(client, "booking", bookingPassword())) {
            var redis = connection.sync();
            // CacheGeneration.redis: GET, and INCR to retire a cache's entries
            assertThat(redis.get("booking:cards:generation")).isNull();
            assertThat(redis.incr("booking:cards:generation")).isEqualTo(1);
            assertThat(redis.get("booking:cards:generation")).isEqualTo("1");
            // RedisCacheWriter: SET with a TTL, GET, DEL (evict), SCAN MATCH and DEL (clear)
            var key = "booking:cards::1:00000000-0000-0000-0000-000000000001:ru";
            assertThat(redis.set(key, "{\"name\":\"card\"}", SetArgs.Builder.px(Duration.ofMinutes(10))))
                    .isEqualTo("OK");
            assertThat(redis.get(key)).isEqualTo("{\"name\":\"card\"}");
            assertThat(redis.pttl(key)).isPositive();
            assertThat(redis.del(key)).isEqualTo(1);
            redis.set("booking:searches::1:ru:0:20:q", "[]", SetArgs.Builder.px(60_000));
            var scanned =
                    redis.scan(ScanArgs.Builder.matches("booking:searches::*").limit(1000));
            assertThat(scanned.getKeys()).contains("booking:searches::1:ru:0:20:q");
            assertThat(redis.del(scanned.getKeys().toArray(String[]::new))).isPositive();
        }
    }

    @Test
    void bookingCannotTouchKeysOutsideItsPrefixNorRunDangerousCommands() {
        try (var client = client();
                var connection = connect(client, "booking", bookingPassword())) {
            var redis = connection.sync();
            assertThatThrownBy(() -> redis.set("identity:session", "forged"))
                    .isInstanceOf(RedisCommandExecutionException.class)
                    .hasMessageStartingWith("NOPERM");
            assertThatThrownBy(() -> redis.get("other"))
                    .isInstanceOf(RedisCommandExecutionException.class)
                    .hasMessageStartingWith("NOPERM");
            assertThatThrownBy(() -> redis.keys("booking:*"))
                    .isInstanceOf(RedisCommandExecutionException.class)
                    .hasMessageStartingWith("NOPERM");
            assertThatThrownBy(redis::flushall)
                    .isInstanceOf(RedisCommandExecutionException.class)
                    .hasMessageStartingWith("NOPERM");
        }
    }

    @Test
    void theDefaultUserIsOff() {
        try (var client = client()) {
            // No credentials: Redis authenticates a new connection as "default", which is off.
            var uri = RedisURI.builder()
                    .withHost("127.0.0.1")
                    .withPort(port)
                    .withTimeout(Duration.ofSeconds(5))
                    .build();
            // Lettuce checks a new connection with a PING before handing it out: refused, so the connect fails.
            assertThatThrownBy(() -> client.connect(uri).close())
                    .isInstanceOf(RedisConnectionException.class)
                    .hasStackTraceContaining("NOAUTH");
        }
        try (var client = client();
                var admin = connect(client, "admin", variables.get("REDIS_ADMIN_PASSWORD"))) {
            var description = admin.sync().aclGetuser("default");
            var flags = description.get(description.indexOf("flags") + 1);
            assertThat(((List<?>) flags).stream().map(String::valueOf).toList())
                    .contains("off")
                    .doesNotContain("on");
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        try (var client = client()) {
            assertThatThrownBy(() -> connect(client, "booking", "not-the-password"))
                    .isInstanceOf(RedisConnectionException.class)
                    .hasStackTraceContaining("WRONGPASS");
        }
    }

    private static String bookingPassword() {
        return variables.get("REDIS_BOOKING_PASSWORD");
    }

    /** RESP2, so a connection without credentials does not fail in the HELLO handshake but at its first command. */
    private static RedisClient client() {
        var client = RedisClient.create();
        client.setOptions(
                ClientOptions.builder().protocolVersion(ProtocolVersion.RESP2).build());
        return client;
    }

    private static StatefulRedisConnection<String, String> connect(RedisClient client, String user, String password) {
        return client.connect(RedisURI.builder()
                .withHost("127.0.0.1")
                .withPort(port)
                .withAuthentication(user, password.toCharArray())
                .withTimeout(Duration.ofSeconds(5))
                .build());
    }
}
