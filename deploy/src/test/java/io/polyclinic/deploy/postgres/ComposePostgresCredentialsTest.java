package io.polyclinic.deploy.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyclinic.deploy.RepositoryFiles;
import io.polyclinic.deploy.compose.ComposeFile;
import io.polyclinic.testkit.postgres.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose stack's PostgreSQL logins, exercised on testkit's embedded PostgreSQL (17, as compose's image): the SQL
 * of {@code postgres/10-databases.sh} (its {@code <<'SQL'} heredocs, with psql's {@code :"name"} and
 * {@code :'password'} substituted the way psql does) runs as the superuser once per {@code create_owned_database} call
 * of the script, with the passwords of {@code .env.example}; then each service's login may use its own database and
 * no other one.
 */
class ComposePostgresCredentialsTest {

    private static final Path SCRIPT = RepositoryFiles.root().resolve("deploy/compose/postgres/10-databases.sh");
    private static final Pattern FUNCTION =
            Pattern.compile("(?m)^create_owned_database\\(\\) \\{\\n(.*?\\n)}\\n", Pattern.DOTALL);
    private static final Pattern PSQL =
            Pattern.compile("psql ((?:[^<]|\\\\\\n)*?)<<'SQL'\\n(.*?)\\nSQL\\n", Pattern.DOTALL);
    private static final Pattern CALL = Pattern.compile("(?m)^create_owned_database (\\w+) \"(\\$\\{\\w+:-})\"$");
    private static final Pattern DBNAME = Pattern.compile("--dbname (\\S+)");
    private static final Pattern PSQL_VARIABLE = Pattern.compile("-v (\\w+)=(\"[^\"]*\"|\\S+)");
    private static final Pattern SHELL_VARIABLE = Pattern.compile("^\\$(\\w+)$");
    private static final Pattern INTERPOLATION = Pattern.compile(":(\"(\\w+)\"|'(\\w+)')");

    @TempDir
    static Path directory;

    private static EmbeddedPostgresServer server;
    private static Map<String, String> variables;
    /** Each create_owned_database call of the script: database (and login) name to its password. */
    private static final Map<String, String> logins = new LinkedHashMap<>();

    @BeforeAll
    static void runTheInitScript() throws Exception {
        server = EmbeddedPostgresServer.start(directory.resolve("data"), 0);
        requirePasswordsOverTcp(directory.resolve("data"));
        variables = ComposeFile.exampleVariables();
        var script = Files.readString(SCRIPT);
        var function = FUNCTION.matcher(script);
        assertThat(function.find())
                .as("10-databases.sh defines create_owned_database()")
                .isTrue();
        var body = psqlCalls(function.group(1));
        assertThat(body).as("create_owned_database's psql heredocs").hasSize(2);
        var calls = CALL.matcher(script);
        while (calls.find()) {
            var name = calls.group(1);
            var password = ComposeFile.interpolate(calls.group(2), variables);
            assertThat(password).as("the .env.example password of " + name).isNotEmpty();
            logins.put(name, password);
            var locals = Map.of("name", name, "password", password);
            for (var psql : body) {
                psql.run(locals);
            }
        }
        assertThat(logins)
                .containsKeys("identity", "booking", "audit", "notifier", "orders", "ingest", "analytics", "superset");
        // The rest of the script: warehouse_reader's role, outside the function.
        for (var psql : psqlCalls(script.substring(function.end()))) {
            psql.run(Map.of());
        }
    }

    @AfterAll
    static void stopTheServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void eachServiceUsesItsOwnDatabase() throws SQLException {
        for (var login : logins.entrySet()) {
            var name = login.getKey();
            try (var connection = DriverManager.getConnection(server.jdbcUrl(name), name, login.getValue());
                    var statement = connection.createStatement()) {
                statement.execute("create table credentials_check (id int primary key)");
                statement.execute("insert into credentials_check values (1)");
                try (var rows = statement.executeQuery(
                        "select current_user, pg_get_userbyid(datdba) from pg_database where datname = current_database()")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(1)).isEqualTo(name);
                    assertThat(rows.getString(2))
                            .as("owner of database " + name)
                            .isEqualTo(name);
                }
                statement.execute("drop table credentials_check");
            }
        }
    }

    @Test
    void noServiceConnectsToAnotherServicesDatabase() {
        for (var login : logins.entrySet()) {
            for (var other : logins.keySet()) {
                if (other.equals(login.getKey())) {
                    continue;
                }
                assertThatThrownBy(() -> DriverManager.getConnection(
                                        server.jdbcUrl(other), login.getKey(), login.getValue())
                                .close())
                        .as(login.getKey() + " connecting to " + other)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("permission denied for database");
            }
        }
    }

    @Test
    void theWarehouseReaderReachesNoServiceDatabase() throws SQLException {
        var password = variables.get("WAREHOUSE_READER_PASSWORD");
        DriverManager.getConnection(server.jdbcUrl("postgres"), "warehouse_reader", password)
                .close();
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl("booking"), "warehouse_reader", password)
                        .close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("permission denied for database");
    }

    @Test
    void theAnalyticsReaderLogsInButReachesNoServiceDatabaseBeforeAnalyticsGrantsIt() throws SQLException {
        var password = variables.get("ANALYTICS_READER_PASSWORD");
        DriverManager.getConnection(server.jdbcUrl("postgres"), "analytics_reader", password)
                .close();
        for (var database : java.util.List.of("analytics", "booking")) {
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(database), "analytics_reader", password)
                            .close())
                    .as(database)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied for database");
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl("booking"), "booking", "not-the-password")
                        .close())
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
    }

    /**
     * The embedded server is initialised with {@code initdb -A trust}: every TCP login would be let in without a
     * password. The postgres image compose runs sets {@code scram-sha-256} for TCP connections; so does this server,
     * for every user but the superuser (the test's stand-in for the init script's local psql).
     */
    private static void requirePasswordsOverTcp(Path data) throws IOException, SQLException {
        var hba = data.resolve("pg_hba.conf");
        assertThat(Files.readString(hba))
                .as("the embedded server's pg_hba.conf as initdb wrote it")
                .contains("trust");
        Files.writeString(hba, """
                local all all trust
                host all postgres 127.0.0.1/32 trust
                host all all 127.0.0.1/32 scram-sha-256
                host all all ::1/128 scram-sha-256
                """);
        try (var connection = server.adminDataSource().getConnection();
                var statement = connection.createStatement()) {
            statement.execute("select pg_reload_conf()");
            try (var rows = statement.executeQuery("show password_encryption")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("scram-sha-256");
            }
        }
    }

    /** The psql calls with a {@code <<'SQL'} heredoc in this part of the script. */
    private static List<Psql> psqlCalls(String shell) {
        var result = new ArrayList<Psql>();
        var matcher = PSQL.matcher(shell);
        while (matcher.find()) {
            var arguments = matcher.group(1);
            var database = DBNAME.matcher(arguments);
            assertThat(database.find()).as("psql --dbname in: " + arguments).isTrue();
            var psqlVariables = new LinkedHashMap<String, String>();
            var variable = PSQL_VARIABLE.matcher(arguments);
            while (variable.find()) {
                psqlVariables.put(variable.group(1), variable.group(2));
            }
            result.add(new Psql(database.group(1), psqlVariables, matcher.group(2)));
        }
        return result;
    }

    /** One psql call: the database, its {@code -v} variables as the shell words written, the heredoc. */
    private record Psql(String database, Map<String, String> variables, String sql) {

        void run(Map<String, String> locals) throws SQLException {
            var values = new HashMap<String, String>();
            variables.forEach((name, word) -> values.put(name, shellWord(word, locals)));
            try (var connection = DriverManager.getConnection(
                            server.jdbcUrl(shellWord(database, locals)), server.username(), "");
                    var statement = connection.createStatement()) {
                // psql sends each statement on its own, outside a transaction (CREATE DATABASE needs that)
                for (var command : substitute(sql, values).split(";\\s*(\\n|$)")) {
                    if (!command.isBlank()) {
                        statement.execute(command);
                    }
                }
            }
        }

        /** A shell word: double quotes removed, {@code $name} from the function's locals, {@code ${...}} from .env. */
        private static String shellWord(String word, Map<String, String> locals) {
            var unquoted = word.startsWith("\"") && word.endsWith("\"") ? word.substring(1, word.length() - 1) : word;
            var local = SHELL_VARIABLE.matcher(unquoted);
            if (local.matches()) {
                assertThat(locals).as("shell variable " + unquoted).containsKey(local.group(1));
                return locals.get(local.group(1));
            }
            return ComposeFile.interpolate(unquoted, ComposePostgresCredentialsTest.variables);
        }

        /** psql's interpolation: {@code :"v"} a quoted identifier, {@code :'v'} a string literal. */
        private static String substitute(String sql, Map<String, String> values) {
            var matcher = INTERPOLATION.matcher(sql);
            var result = new StringBuilder();
            while (matcher.find()) {
                var identifier = matcher.group(2);
                var name = identifier != null ? identifier : matcher.group(3);
                assertThat(values).as("psql variable " + name + " set with -v").containsKey(name);
                var value = values.get(name);
                var replacement = identifier != null ? quoteIdentifier(value) : quoteLiteral(value);
                matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
            }
            matcher.appendTail(result);
            return result.toString();
        }

        private static String quoteIdentifier(String value) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }

        /** As psql's {@code :'v'}: quotes doubled; with a backslash, an E'' literal with backslashes doubled. */
        private static String quoteLiteral(String value) {
            var quoted = value.replace("'", "''");
            return value.contains("\\") ? "E'" + quoted.replace("\\", "\\\\") + "'" : "'" + quoted + "'";
        }
    }
}
