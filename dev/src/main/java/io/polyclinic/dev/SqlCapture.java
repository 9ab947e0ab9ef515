package io.polyclinic.dev;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A benchmark aid, off unless {@code POLYCLINIC_DEV_SQL_CAPTURE_DIR} is set: booking writes every SQL statement it
 * runs for a request carrying the header {@code X-Polyclinic-Capture-Sql: <name>} into {@code <dir>/<name>.sql}, with
 * the bound parameters inlined as typed literals and the transaction's BEGIN/COMMIT, one statement per
 * {@code ;}-terminated command: a pgbench script of exactly what the service ran, however its SQL changes.
 *
 * <p>Requests without the header get the pool's own connections: one thread-local read per connection borrowed.
 */
final class SqlCapture {

    static final String HEADER = "X-Polyclinic-Capture-Sql";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final ThreadLocal<List<String>> CURRENT = new ThreadLocal<>();

    private SqlCapture() {}

    /** Wraps the context's data sources and registers the filter that starts and writes a capture. */
    static ApplicationContextInitializer<ConfigurableApplicationContext> initializer(Path directory) {
        return context -> {
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof DataSource dataSource ? new CapturingDataSource(dataSource) : bean;
                }
            });
            ((GenericApplicationContext) context).registerBean("sqlCaptureFilter", FilterRegistrationBean.class, () -> {
                var registration = new FilterRegistrationBean<>(new CaptureFilter(directory));
                registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
                return registration;
            });
        };
    }

    /** Starts a capture for requests with the header and writes it when the request is done. */
    private record CaptureFilter(Path directory) implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            var name = request instanceof HttpServletRequest http ? http.getHeader(HEADER) : null;
            if (name == null || !NAME.matcher(name).matches()) {
                chain.doFilter(request, response);
                return;
            }
            var statements = new ArrayList<String>();
            CURRENT.set(statements);
            try {
                chain.doFilter(request, response);
            } finally {
                CURRENT.remove();
                var script = new StringBuilder();
                for (var statement : statements) {
                    script.append(statement.strip()).append(";\n");
                }
                Files.writeString(directory.resolve(name + ".sql"), script, StandardCharsets.UTF_8);
            }
        }
    }

    /** Hands out recording connections while a capture is on. */
    private static final class CapturingDataSource extends DelegatingDataSource {
        CapturingDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return wrap(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return wrap(super.getConnection(username, password));
        }

        private static Connection wrap(Connection connection) throws SQLException {
            var statements = CURRENT.get();
            if (statements == null) {
                return connection;
            }
            var handler = new ConnectionHandler(connection, statements, connection.getAutoCommit());
            return (Connection) Proxy.newProxyInstance(
                    SqlCapture.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
        }
    }

    /** Records transaction boundaries and wraps statements. */
    private static final class ConnectionHandler implements InvocationHandler {
        private final Connection target;
        private final List<String> statements;
        private boolean autoCommit;
        private boolean readOnly;
        private boolean inTransaction;

        ConnectionHandler(Connection target, List<String> statements, boolean autoCommit) {
            this.target = target;
            this.statements = statements;
            this.autoCommit = autoCommit;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "setAutoCommit" -> {
                    if ((boolean) args[0] && inTransaction) {
                        statements.add("COMMIT");
                        inTransaction = false;
                    }
                    autoCommit = (boolean) args[0];
                }
                case "setReadOnly" -> readOnly = (boolean) args[0];
                case "commit", "rollback" -> {
                    if (inTransaction && (args == null || args.length == 0)) {
                        statements.add(method.getName().equals("commit") ? "COMMIT" : "ROLLBACK");
                        inTransaction = false;
                    }
                }
                default -> {}
            }
            var result = call(target, method, args);
            if (result instanceof PreparedStatement statement && args != null && args[0] instanceof String sql) {
                return proxy(PreparedStatement.class, new StatementHandler(statement, this, sql));
            }
            if (result instanceof Statement statement && !(result instanceof PreparedStatement)) {
                return proxy(Statement.class, new StatementHandler(statement, this, null));
            }
            return result;
        }

        void record(String sql) {
            if (!autoCommit && !inTransaction) {
                statements.add(readOnly ? "BEGIN READ ONLY" : "BEGIN");
                inTransaction = true;
            }
            statements.add(sql);
        }
    }

    /** Records the parameters bound to a statement and the statement when it runs. */
    private static final class StatementHandler implements InvocationHandler {
        private final Statement target;
        private final ConnectionHandler connection;
        private final String sql;
        private final Map<Integer, Object> parameters = new TreeMap<>();

        StatementHandler(Statement target, ConnectionHandler connection, String sql) {
            this.target = target;
            this.connection = connection;
            this.sql = sql;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            var name = method.getName();
            if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer index) {
                parameters.put(index, name.equals("setNull") ? null : args[1]);
            } else if (name.equals("clearParameters")) {
                parameters.clear();
            } else if (name.startsWith("execute") && !name.equals("executeBatch")) {
                if (args != null && args.length > 0 && args[0] instanceof String text) {
                    connection.record(text);
                } else if (sql != null) {
                    connection.record(inline(sql, parameters));
                }
            }
            return call(target, method, args);
        }
    }

    private static Object proxy(Class<?> type, InvocationHandler handler) {
        return Proxy.newProxyInstance(SqlCapture.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * The JDBC statement with each {@code ?} outside quotes and comments replaced by its value as a literal cast to the
     * type the driver sends it as, so PostgreSQL plans the same query.
     */
    static String inline(String sql, Map<Integer, Object> parameters) {
        var out = new StringBuilder(sql.length() + 64);
        int index = 0;
        for (int i = 0; i < sql.length(); i++) {
            var c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                var end = sql.indexOf(c, i + 1);
                end = end < 0 ? sql.length() - 1 : end;
                out.append(sql, i, end + 1);
                i = end;
            } else if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                var end = sql.indexOf('\n', i);
                end = end < 0 ? sql.length() - 1 : end;
                out.append(sql, i, end + 1);
                i = end;
            } else if (c == '?') {
                out.append(literal(parameters.get(++index)));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String literal(Object value) {
        return switch (value) {
            case null -> "NULL";
            case String s -> quote(s) + "::varchar";
            case UUID u -> quote(u.toString()) + "::uuid";
            case OffsetDateTime t -> quote(t.toString()) + "::timestamptz";
            case Instant t -> quote(t.toString()) + "::timestamptz";
            case java.sql.Timestamp t -> quote(t.toInstant().toString()) + "::timestamptz";
            case LocalDate d -> quote(d.toString()) + "::date";
            case LocalDateTime d -> quote(d.toString()) + "::timestamp";
            case LocalTime t -> quote(t.toString()) + "::time";
            case Integer n -> n + "::int4";
            case Short n -> n + "::int2";
            case Long n -> n + "::int8";
            case Double n -> n + "::float8";
            case Float n -> n + "::float4";
            case BigDecimal n -> n.toPlainString() + "::numeric";
            case Boolean b -> b.toString();
            default -> quote(value.toString());
        };
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
