package io.polyclinic.dev;

import io.polyclinic.analytics.AnalyticsApplication;
import io.polyclinic.audit.AuditApplication;
import io.polyclinic.booking.BookingApplication;
import io.polyclinic.collector.CollectorApplication;
import io.polyclinic.devdata.DemoDataInitializer;
import io.polyclinic.gateway.GatewayApplication;
import io.polyclinic.identity.IdentityApplication;
import io.polyclinic.ingest.IngestApplication;
import io.polyclinic.orders.OrdersApplication;
import io.polyclinic.testkit.kafka.EmbeddedKafkaServer;
import io.polyclinic.testkit.net.FreePorts;
import io.polyclinic.testkit.postgres.EmbeddedPostgresServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole platform in one JVM with nothing installed but a JDK (docs/product.md "Operations"): embedded PostgreSQL (data in
 * {@code ./var/postgres}) and an in-process Kafka broker (data in {@code ./var/kafka}), then identity, booking, audit,
 * the notifier (with an embedded SMTP server and AMQP broker, see {@link NotifierDevBlock}) and orders (with its demo
 * orders, see {@link OrdersDevData}), the ingest, analytics and web services and the gateway side by side, each its own
 * Spring application context with its own port. Run it with {@code ./mvnw -pl dev -am spring-boot:run}; Ctrl-C stops the
 * gateway, then the services, then PostgreSQL.
 *
 * <p>Each service owns its settings for a laptop in {@code <service>-dev.properties} in its own resources, which the
 * stack imports ({@link #DEV_SETTINGS}); the stack adds only what it alone knows: ports, JDBC URLs, where Kafka, the
 * brokers and identity's keys are, and the secrets and files it keeps in {@code var/}. The services share one
 * classpath here, so every context also gets settings that keep the others' auto-configuration out: identity and
 * booking do not start Spring Cloud Gateway, the gateway has no database (its own {@code gateway.properties}). Booking
 * gets its demo data from the dev-data module ({@link DemoDataInitializer}).
 */
public final class DevStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DevStack.class);

    /** A demo patient account, created through the public registration endpoint on every start if missing. */
    public static final String DEMO_PATIENT_EMAIL = "patient@polyclinic.local";

    /** The demo patient's password; dev data only, printed at start. */
    public static final String DEMO_PATIENT_PASSWORD = "Demo-Patient-2026!";

    /** Spring Cloud Gateway auto-configuration, kept out of the contexts that are not the gateway. */
    static final List<String> GATEWAY_AUTO_CONFIGURATION = List.of(
            "org.springframework.cloud.gateway.server.mvc.GatewayServerMvcAutoConfiguration",
            "org.springframework.cloud.gateway.server.mvc.GatewayMvcClassPathWarningAutoConfiguration",
            "org.springframework.cloud.gateway.server.mvc.filter.FilterAutoConfiguration",
            "org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctionAutoConfiguration",
            "org.springframework.cloud.gateway.server.mvc.handler.GatewayMultipartAutoConfiguration",
            "org.springframework.cloud.gateway.server.mvc.predicate.PredicateAutoConfiguration");

    /** Database auto-configuration, kept out of the contexts that have no database (the web UI, the collector). */
    static final List<String> NO_DATABASE_AUTO_CONFIGURATION = List.of(
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration");

    /**
     * The arguments of every context but the gateway's on the shared classpath: Spring Cloud Gateway off, multipart on
     * (the gateway's environment post-processor turns it off in every context unless it is set), and these
     * auto-configurations excluded besides the gateway's.
     */
    static List<String> notTheGateway(List<String> alsoExcluded) {
        var excluded = new ArrayList<>(GATEWAY_AUTO_CONFIGURATION);
        excluded.addAll(alsoExcluded);
        return List.of(
                "--spring.cloud.gateway.server.webmvc.enabled=false",
                "--spring.servlet.multipart.enabled=true",
                "--spring.autoconfigure.exclude=" + String.join(",", excluded));
    }

    /**
     * The argument that imports a service's own laptop settings, {@code <service>-dev.properties} from its jar: above
     * the service's defaults, below environment variables (so {@code POLYCLINIC_*} variables still override them).
     */
    static final String DEV_SETTINGS = "--spring.config.import=classpath:%s-dev.properties";

    /** The audit service's ports when the stack runs on its fixed ports (docs/architecture.md). */
    static final int AUDIT_PORT = 8083;

    static final int AUDIT_GRPC_PORT = 9083;

    /** Booking's gRPC port (the bulk import ingest calls) when the stack runs on its fixed ports. */
    static final int BOOKING_GRPC_PORT = 9082;

    /** The orders service's port when the stack runs on its fixed ports. */
    static final int ORDERS_PORT = 8086;

    /** Keeps Spring gRPC's server out of a context on the shared classpath. */
    private static final String NO_GRPC_SERVER = "--spring.grpc.server.enabled=false";

    private final DevStackConfig config;
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private EmbeddedPostgresServer postgres;
    /** The notifier with its SMTP and AMQP servers; guarded by {@code this}. */
    private NotifierDevBlock notifier;

    private EmbeddedKafkaServer kafka;
    /** Set by {@link #close()}; what finishes starting afterwards is stopped at once. Guarded by {@code this}. */
    private boolean closed;

    private String adminPassword;
    /** Booking's client secret at identity's token endpoint (its audit records need a service token). */
    private String bookingClientSecret;
    /** Ingest's client secret at identity (scope booking.import, to call booking's bulk import), made like booking's. */
    private String ingestClientSecret;

    private int gatewayPort;
    private int identityPort;
    private int bookingPort;
    private int auditPort;
    private int auditGrpcPort;
    private int bookingGrpcPort;
    private int notifierPort;
    private int ordersPort;
    private int ingestPort;
    private int ingestGrpcPort;
    private int collectorPort;
    private AnalyticsCollectorDevBlock testSite;
    private int analyticsPort;
    private int webPort;
    /** The running audit service, or null while {@link #stopAudit()} keeps it down; guarded by {@code this}. */
    private ConfigurableApplicationContext auditContext;

    private String auditJdbcUrl;
    /** The audit service's chain key and anchor file in var/ (decision 0030); the environment may override them. */
    private Map<String, Object> auditDevDefaults;

    private DevStack(DevStackConfig config) {
        this.config = config;
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        var stack = new DevStack(DevStackConfig.fromEnvironment(System.getenv()));
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "dev-stack-stop"));
        try {
            stack.startAll();
        } catch (RuntimeException e) {
            log.error("The dev stack did not start", e);
            stack.close();
            System.exit(1);
        }
        System.out.println(stack.banner(Duration.ofNanos(System.nanoTime() - start)));
    }

    /**
     * Starts everything and returns once every service answers its readiness probe.
     *
     * @throws IllegalStateException when a service does not start or does not become ready; what was started is
     *     stopped again
     */
    public static DevStack start(DevStackConfig config) {
        var stack = new DevStack(config);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() {
        var var = config.varDirectory().toAbsolutePath();
        adminPassword = config.adminPassword() != null ? config.adminPassword() : generatedAdminPassword(var);
        bookingClientSecret = generatedServiceClientSecret(var, "booking");
        ingestClientSecret = generatedServiceClientSecret(var, "ingest");
        // the large data set (3+ GB) keeps its hot indexes in PostgreSQL's own cache rather than the OS page cache
        var sharedBuffers = config.demoDataScale().equals("large") ? "1GB" : "128MB";
        // PostgreSQL and the S3 server are child processes and Kafka runs in this JVM: all three start at once.
        var infrastructure = Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().name("infrastructure-", 0).factory());
        var s3 = CompletableFuture.supplyAsync(
                () -> IngestDevBlock.startS3(var, config.identityPort() != 0, config.corsAllowedOrigins()),
                infrastructure);
        var kafkaStarted = CompletableFuture.runAsync(() -> startKafka(var), infrastructure);
        infrastructure.shutdown();
        adopt(EmbeddedPostgresServer.start(var.resolve("postgres"), config.postgresPort(), sharedBuffers));
        joinCause(kafkaStarted);
        AnalyticsCollectorDevBlock.prepareKafka(kafkaBootstrapServers());
        identityPort = portOrFree(config.identityPort());
        bookingPort = portOrFree(config.bookingPort());
        bookingGrpcPort = portOrFree(config.identityPort() == 0 ? 0 : BOOKING_GRPC_PORT);
        var identityUrl = postgres.createDatabaseIfMissing("identity");
        var bookingUrl = postgres.createDatabaseIfMissing("booking");
        // Audit: its own database; HTTP 8083 and gRPC 9083, or free ports when the stack runs on free ports.
        auditPort = portOrFree(config.identityPort() == 0 ? 0 : AUDIT_PORT);
        auditGrpcPort = portOrFree(config.identityPort() == 0 ? 0 : AUDIT_GRPC_PORT);
        var auditUrl = postgres.createDatabaseIfMissing("audit");
        auditJdbcUrl = auditUrl;
        auditDevDefaults = auditDevDefaults(var);
        var notifierUrl = postgres.createDatabaseIfMissing("notifier");
        notifierPort = portOrFree(config.notifierPort());
        var ordersUrl = postgres.createDatabaseIfMissing("orders");
        ordersPort = portOrFree(config.identityPort() == 0 ? 0 : ORDERS_PORT);
        var ingestUrl = postgres.createDatabaseIfMissing("ingest");
        ingestPort = portOrFree(config.identityPort() == 0 ? 0 : IngestDevBlock.INGEST_PORT);
        ingestGrpcPort = portOrFree(config.identityPort() == 0 ? 0 : IngestDevBlock.INGEST_GRPC_PORT);
        collectorPort = portOrFree(config.identityPort() == 0 ? 0 : AnalyticsCollectorDevBlock.COLLECTOR_PORT);
        var analyticsUrl = postgres.createDatabaseIfMissing("analytics");
        analyticsPort = portOrFree(config.identityPort() == 0 ? 0 : AnalyticsDevBlock.PORT);
        gatewayPort = portOrFree(config.gatewayPort());
        webPort = portOrFree(config.identityPort() == 0 ? 0 : WebDevBlock.PORT);

        // Own threads: the common pool has a single worker on a 2-core machine, which would start them one by one.
        var starters = Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().name("start-", 0).factory());
        var identity = launch(
                "identity",
                () -> run(IdentityApplication.class, identityArgs(var, identityUrl)),
                () -> identityArgs(var, identityUrl),
                starters);
        var booking = launch(
                "booking",
                () -> run(BookingApplication.class, bookingArgs(bookingUrl), Map.of(), bookingInitializers()),
                () -> bookingArgs(bookingUrl),
                starters);
        var audit = launch(
                "audit",
                () -> run(AuditApplication.class, auditArgs(auditUrl), auditDevDefaults),
                () -> auditArgs(auditUrl),
                starters);
        var rabbitArgs = new CompletableFuture<List<String>>();
        var notifierBlock = CompletableFuture.supplyAsync(
                () -> NotifierDevBlock.start(
                        serviceArgs("notifier", notifierPort, notifierUrl),
                        jwksUri(),
                        kafkaBootstrapServers(),
                        System.getenv(),
                        config.isExternal("notifier") ? args -> handOver("notifier", args) : null,
                        rabbitArgs),
                starters);
        var orders = launch(
                "orders",
                () -> run(OrdersApplication.class, ordersArgs(ordersUrl)),
                () -> ordersArgs(ordersUrl),
                starters);
        var ingest = launch(
                "ingest",
                () -> run(IngestApplication.class, ingestArgs(ingestUrl, joinCause(s3))),
                () -> ingestArgs(ingestUrl, joinCause(s3)),
                starters);
        var collector = launch(
                "analytics-collector",
                () -> run(CollectorApplication.class, collectorArgs()),
                this::collectorArgs,
                starters);
        var analytics = CompletableFuture.supplyAsync(
                () -> run(AnalyticsApplication.class, analyticsArgs(var, analyticsUrl, rabbitArgs.join())), starters);
        var web = CompletableFuture.supplyAsync(
                () -> WebDevBlock.start(common("web", webPort), gatewayUrl(), jwksUri(), var), starters);
        // The gateway only needs the services' ports, fixed above: it starts beside them, not after booking's demo
        // data.
        var gateway =
                launch("gateway", () -> run(GatewayApplication.class, gatewayArgs()), this::gatewayArgs, starters);
        starters.shutdown();
        try {
            // Booking verifies tokens with identity's keys, fetched lazily: it does not need identity to start.
            register(identity.join());
            register(booking.join());
            registerAudit(audit.join());
            adopt(notifierBlock.join());
            register(orders.join());
            register(ingest.join());
            register(collector.join());
            register(analytics.join());
            register(web.join());
            // Last in the list: closed first, before the services behind it.
            register(gateway.join());
        } catch (CompletionException e) {
            identity.thenAccept(DevStack::closeIfStarted);
            booking.thenAccept(DevStack::closeIfStarted);
            audit.thenAccept(DevStack::closeIfStarted);
            notifierBlock.thenAccept(NotifierDevBlock::close);
            orders.thenAccept(DevStack::closeIfStarted);
            ingest.thenAccept(DevStack::closeIfStarted);
            collector.thenAccept(DevStack::closeIfStarted);
            analytics.thenAccept(DevStack::closeIfStarted);
            web.thenAccept(DevStack::closeIfStarted);
            gateway.thenAccept(DevStack::closeIfStarted);
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        var ports = Map.of(
                "identity", identityPort,
                "booking", bookingPort,
                "audit", auditPort,
                "notifier", notifierPort,
                "orders", ordersPort,
                "ingest", ingestPort,
                "analytics-collector", collectorPort,
                "gateway", gatewayPort);
        for (var service : DevStackConfig.SERVICES) {
            if (!config.isExternal(service)) {
                awaitReady(ports.get(service));
            }
        }
        startTestSite();
        awaitReady(webPort);
        if (config.isExternal("gateway") || config.isExternal("identity")) {
            log.info("The demo patient is registered on a start with the gateway and identity in the stack");
        } else {
            createDemoPatient();
        }
        OrdersDevData.publishOnce(var, kafkaBootstrapServers());
        IngestDevBlock.seedWarehouseOnce(ingestUrl, bookingUrl, postgres.username());
        awaitReady(analyticsPort);
        AnalyticsDevBlock.seedInBackground(analytics.join());
    }

    /** The future's result; its failure is thrown as it was, not wrapped in a {@link CompletionException}. */
    private static <T> T joinCause(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Starts a service in this JVM, or, when the stack leaves it out, writes its arguments for {@link ServiceLauncher}
     * and completes with {@code null}.
     */
    private CompletableFuture<ConfigurableApplicationContext> launch(
            String service,
            Supplier<ConfigurableApplicationContext> inProcess,
            Supplier<List<String>> args,
            Executor starters) {
        if (config.isExternal(service)) {
            handOver(service, args.get());
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.supplyAsync(inProcess, starters);
    }

    /** Leaves {@code service} to {@link ServiceLauncher}: its arguments go to the stack's data directory. */
    private void handOver(String service, List<String> args) {
        ExternalServices.write(config.varDirectory().toAbsolutePath(), service, args);
        log.info("{} is left out of the stack; run it as its own JVM with: {}", service, launchCommand(service));
    }

    /** The command that runs a left-out service as its own JVM (from the repository's root). */
    static String launchCommand(String service) {
        return "./mvnw -pl dev -am spring-boot:run -Ddev.main-class=" + ServiceLauncher.class.getName()
                + " -Dspring-boot.run.arguments=" + service;
    }

    private static void closeIfStarted(ConfigurableApplicationContext context) {
        if (context != null) {
            context.close();
        }
    }

    private static ConfigurableApplicationContext run(Class<?> application, List<String> args) {
        return run(application, args, Map.of(), List.of());
    }

    private static ConfigurableApplicationContext run(
            Class<?> application, List<String> args, Map<String, Object> devDefaults) {
        return run(application, args, devDefaults, List.of());
    }

    /** The demo data (dev-data module), and the SQL capture of the benchmarks when configured. */
    private List<ApplicationContextInitializer<?>> bookingInitializers() {
        var initializers = new ArrayList<ApplicationContextInitializer<?>>();
        initializers.add(new DemoDataInitializer());
        if (config.sqlCaptureDirectory() != null) {
            initializers.add(SqlCapture.initializer(config.sqlCaptureDirectory().toAbsolutePath()));
        }
        return initializers;
    }

    /**
     * @param devDefaults settings at the lowest priority: the service's own defaults for a laptop, which environment
     *     variables still override (unlike {@code args})
     */
    private static ConfigurableApplicationContext run(
            Class<?> application,
            List<String> args,
            Map<String, Object> devDefaults,
            List<ApplicationContextInitializer<?>> initializers) {
        // No per-context shutdown hook: close() stops the contexts in reverse order, then PostgreSQL.
        return new SpringApplicationBuilder(application)
                .properties(devDefaults)
                .initializers(initializers.toArray(ApplicationContextInitializer[]::new))
                .main(application)
                .listeners(new LoggingInitializationLock())
                .registerShutdownHook(false)
                .run(args.toArray(String[]::new));
    }

    /** Every context: the service's own laptop settings, its port, CORS, and what the shared classpath needs. */
    private List<String> common(String service, int port) {
        var args = new ArrayList<String>();
        args.add(DEV_SETTINGS.formatted(service));
        args.add("--server.port=" + port);
        args.add("--polyclinic.http.cors-allowed-origins=" + String.join(",", config.corsAllowedOrigins()));
        // GreenMail logs each mailbox it creates with the recipient's address at INFO: personal data stays out.
        args.add("--logging.level.com.icegreen.greenmail=WARN");
        // One classpath: only the services that serve gRPC start a gRPC server (they drop this argument).
        args.add(NO_GRPC_SERVER);
        return args;
    }

    /** A service (not the gateway): a database, no Spring Cloud Gateway, multipart left on. */
    private List<String> serviceArgs(String service, int port, String jdbcUrl) {
        var args = common(service, port);
        args.add("--spring.datasource.url=" + jdbcUrl);
        args.add("--spring.datasource.username=" + postgres.username());
        args.add("--spring.datasource.password=");
        args.addAll(notTheGateway(WebDevBlock.WEB_UI_AUTO_CONFIGURATION));
        args.add("--spring.kafka.bootstrap-servers=" + kafkaBootstrapServers());
        return args;
    }

    /**
     * Spring AMQP is on the shared classpath for the notifier; the other services use no RabbitMQ, so their health
     * must not depend on one.
     */
    private static final String NO_RABBIT_HEALTH = "--management.health.rabbit.enabled=false";
    // ---- Kafka: the in-process broker (data in <var>/kafka), or the cluster of KAFKA_BOOTSTRAP_SERVERS ----

    /**
     * The topics the services publish their outbox events on, and the notifier's dead-letter topic (as many
     * partitions as its source: a dead record keeps its partition), and the orders service's input and dead-letter
     * topics (the service raises {@code orders}' record size limit itself), created up front with 3 partitions each.
     */
    static final List<String> KAFKA_TOPICS = Stream.concat(
                    Stream.of("booking.events", "identity.events", "booking.events.dlt", "orders", "orders.dlt"),
                    AnalyticsDevBlock.TOPICS.stream())
            .toList();

    private void startKafka(Path var) {
        if (config.externalKafka() != null) {
            log.info("Using the Kafka cluster at {}", config.externalKafka());
            return;
        }
        var started = EmbeddedKafkaServer.start(var.resolve("kafka"), config.kafkaPort());
        synchronized (this) {
            if (closed) {
                started.close();
                throw new IllegalStateException("The dev stack was stopped while it was starting");
            }
            kafka = started;
        }
        kafka.createTopics(KAFKA_TOPICS, 3);
        log.info("Kafka (in-process, KRaft) at {}", kafka.bootstrapServers());
    }

    /** Where the services find Kafka. */
    String kafkaBootstrapServers() {
        return config.externalKafka() != null ? config.externalKafka() : kafka.bootstrapServers();
    }

    private List<String> identityArgs(Path var, String jdbcUrl) {
        var args = serviceArgs("identity", identityPort, jdbcUrl);
        args.add(NO_RABBIT_HEALTH);
        args.add("--polyclinic.identity.admin.email=" + config.adminEmail());
        args.add("--polyclinic.identity.admin.password=" + adminPassword);
        args.add("--polyclinic.identity.keys.directory=" + var.resolve("keys"));
        args.add("--polyclinic.audit.target=" + auditTarget());
        args.add("--polyclinic.identity.service-tokens.clients.booking.secret=" + bookingClientSecret);
        args.add("--polyclinic.identity.service-tokens.clients.ingest.secret=" + ingestClientSecret);
        args.add("--polyclinic.identity.service-tokens.clients.analytics.secret="
                + generatedServiceClientSecret(var, "analytics"));
        return args;
    }

    private List<String> bookingArgs(String jdbcUrl) {
        var args = serviceArgs("booking", bookingPort, jdbcUrl);
        args.remove(NO_GRPC_SERVER);
        args.add("--spring.grpc.server.port=" + bookingGrpcPort);
        args.add("--spring.grpc.server.host=127.0.0.1");
        args.add(NO_RABBIT_HEALTH);
        args.add("--polyclinic.dev-data.enabled=" + config.demoData());
        args.add("--polyclinic.dev-data.scale=" + config.demoDataScale());
        args.add("--polyclinic.security.jwk-set-uri=" + jwksUri());
        args.add("--polyclinic.audit.target=" + auditTarget());
        args.add("--polyclinic.service-tokens.client-secret=" + bookingClientSecret);
        args.add("--polyclinic.service-tokens.token-uri=http://localhost:" + identityPort + "/oauth2/token");
        return args;
    }

    /** The audit service: HTTP for admins (through the gateway), gRPC for the other services' outbox relays. */
    private List<String> auditArgs(String jdbcUrl) {
        var args = serviceArgs("audit", auditPort, jdbcUrl);
        args.remove(NO_GRPC_SERVER);
        args.add(NO_RABBIT_HEALTH);
        args.add("--spring.grpc.server.port=" + auditGrpcPort);
        args.add("--spring.grpc.server.host=127.0.0.1");
        args.add("--polyclinic.security.jwk-set-uri=" + jwksUri());
        return args;
    }

    /** The orders service (S8): the consumer of topic {@code orders} and the admins' order API. */
    private List<String> ordersArgs(String jdbcUrl) {
        var args = serviceArgs("orders", ordersPort, jdbcUrl);
        args.add(NO_RABBIT_HEALTH);
        args.add("--polyclinic.security.jwk-set-uri=" + jwksUri());
        return args;
    }

    /** The ingest service: spreadsheet imports, its S3 server, booking's clinic names. */
    private List<String> ingestArgs(String jdbcUrl, io.polyclinic.testkit.s3.S3ServerProcess s3) {
        var args = serviceArgs("ingest", ingestPort, jdbcUrl);
        args.remove(NO_GRPC_SERVER);
        args.add("--polyclinic.service-tokens.client-secret=" + ingestClientSecret);
        args.add("--polyclinic.service-tokens.token-uri=http://localhost:" + identityPort + "/oauth2/token");
        args.add("--polyclinic.ingest.booking.target=" + bookingImportTarget());
        return IngestDevBlock.args(
                args, ingestGrpcPort, s3, jwksUri(), auditTarget(), "http://localhost:" + bookingPort);
    }

    /** The web-analytics collector: no database, Kafka only (see {@link AnalyticsCollectorDevBlock}). */
    private List<String> collectorArgs() {
        var args = common("analytics-collector", collectorPort);
        args.add(NO_RABBIT_HEALTH);
        args.addAll(AnalyticsCollectorDevBlock.collectorArgs(kafkaBootstrapServers(), jwksUri()));
        return args;
    }

    private synchronized void startTestSite() {
        if (!closed) {
            testSite = AnalyticsCollectorDevBlock.startTestSite(
                    config.identityPort() == 0 ? 0 : AnalyticsCollectorDevBlock.TEST_SITE_PORT, gatewayUrl());
        }
    }

    /** The test site's address (its tracker sends through the gateway). */
    synchronized String testSiteUrl() {
        return testSite.url();
    }

    private List<String> analyticsArgs(Path var, String jdbcUrl, List<String> rabbitArgs) {
        var args = AnalyticsDevBlock.args(
                serviceArgs("analytics", analyticsPort, jdbcUrl), var, jwksUri(), auditTarget(), gatewayUrl());
        args.addAll(rabbitArgs); // alert emails go to the notifier's broker
        args.add("--polyclinic.service-tokens.client-secret=" + generatedServiceClientSecret(var, "analytics"));
        args.add("--polyclinic.service-tokens.token-uri=http://localhost:" + identityPort + "/oauth2/token");
        return args;
    }

    /** Where identity's and booking's outbox relays send audit records. */
    private String auditTarget() {
        return "static://127.0.0.1:" + auditGrpcPort;
    }

    private List<String> gatewayArgs() {
        var args = common("gateway", gatewayPort);
        args.add(NO_RABBIT_HEALTH);
        args.add("--polyclinic.gateway.identity-uri=http://localhost:" + identityPort);
        args.add("--polyclinic.gateway.booking-uri=http://localhost:" + bookingPort);
        args.add("--polyclinic.gateway.audit-uri=http://localhost:" + auditPort);
        args.add("--polyclinic.gateway.orders-uri=http://localhost:" + ordersPort);
        args.add("--polyclinic.gateway.ingest-uri=http://localhost:" + ingestPort);
        args.add("--polyclinic.gateway.analytics-collector-uri=http://localhost:" + collectorPort);
        args.add("--polyclinic.gateway.analytics-uri=http://localhost:" + analyticsPort);
        args.add("--polyclinic.gateway.web-uri=http://localhost:" + webPort);
        args.add("--polyclinic.security.jwk-set-uri=" + jwksUri());
        return args;
    }

    /** Identity's JWKS, where booking and the gateway fetch the keys that verify access tokens. */
    private String jwksUri() {
        return "http://localhost:" + identityPort + "/.well-known/jwks.json";
    }

    /**
     * The port itself, or for 0 a port free right now: booking and the gateway need identity's port before identity
     * has started, so ports are fixed up front.
     */
    private static int portOrFree(int port) {
        if (port != 0) {
            return port;
        }
        return FreePorts.next();
    }

    /** The first admin's password of this {@code var/} directory (18 random bytes, URL-safe Base64). */
    private static String generatedAdminPassword(Path var) {
        return DevSecrets.kept(
                var.resolve("dev-admin-password"), 18, Base64.getUrlEncoder().withoutPadding());
    }

    /**
     * The audit service's laptop defaults: the chain key generated into {@code var/} and the anchor file beside it
     * (decision 0030); the environment may override them.
     */
    static Map<String, Object> auditDevDefaults(Path var) {
        return Map.of(
                "polyclinic.audit.chain.key",
                generatedAuditChainKey(var),
                "polyclinic.audit.chain.anchor-file",
                var.resolve("audit-anchor.json").toString());
    }

    /**
     * The audit chain key of this {@code var/} directory: 32 random bytes, Base64, generated on the first start into
     * {@code audit-chain-key} (owner-only from its creation) and never logged. Losing it makes the audit log
     * unverifiable, like losing {@code var/} itself.
     */
    private static String generatedAuditChainKey(Path var) {
        return DevSecrets.kept(var.resolve("audit-chain-key"), 32, Base64.getEncoder());
    }

    /**
     * A service client's secret at identity's token endpoint: generated on the first start into
     * {@code <var>/dev-service-clients/<client>.secret} (owner-only permissions) and read from there afterwards;
     * never printed.
     */
    private static String generatedServiceClientSecret(Path var, String clientId) {
        return DevSecrets.kept(
                var.resolve("dev-service-clients").resolve(clientId + ".secret"),
                32,
                Base64.getUrlEncoder().withoutPadding());
    }

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static void awaitReady(int port) {
        var probe = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                var response = HTTP.send(probe, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // The port is not answering yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for port " + port, e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The service on port " + port + " did not become ready in 60 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for port " + port, e);
            }
        }
    }

    /** Registers the demo patient through the gateway; 409 means it exists from an earlier run. */
    private void createDemoPatient() {
        var body = """
                {"email":"%s","password":"%s","fullName":"Demo Patient"}""".formatted(DEMO_PATIENT_EMAIL, DEMO_PATIENT_PASSWORD);
        var request = HttpRequest.newBuilder(URI.create(gatewayUrl() + "/api/v1/auth/register"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201 && response.statusCode() != 409) {
                log.warn("Could not create the demo patient: {} {}", response.statusCode(), response.body());
            }
        } catch (IOException e) {
            log.warn("Could not create the demo patient", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The gateway's base URL, such as {@code http://localhost:8080}. */
    public String gatewayUrl() {
        return "http://localhost:" + gatewayPort;
    }

    /**
     * Every service's base URL by name ({@code gateway}, {@code identity}, {@code booking}, {@code audit},
     * {@code notifier}, {@code orders}, {@code ingest}, {@code analytics-collector}, {@code analytics}, {@code web});
     * each serves {@code /actuator/prometheus} there.
     */
    public Map<String, String> serviceUrls() {
        return Map.of(
                "gateway",
                gatewayUrl(),
                "identity",
                "http://localhost:" + identityPort,
                "booking",
                "http://localhost:" + bookingPort,
                "audit",
                "http://localhost:" + auditPort,
                "notifier",
                notifierUrl(),
                "orders",
                ordersUrl(),
                "ingest",
                "http://localhost:" + ingestPort,
                "analytics-collector",
                "http://localhost:" + collectorPort,
                "analytics",
                "http://localhost:" + analyticsPort,
                "web",
                "http://localhost:" + webPort);
    }

    /** The orders service's own base URL (not through the gateway). */
    public String ordersUrl() {
        return "http://localhost:" + ordersPort;
    }

    /** The notifier's base URL; its {@code /dev/mail} lists the mail the dev SMTP server received. */
    public String notifierUrl() {
        return "http://localhost:" + notifierPort;
    }

    /**
     * The JDBC URL of one of the stack's databases ({@code identity}, {@code booking}, {@code audit},
     * {@code notifier}, {@code orders}) on its embedded PostgreSQL: user {@code postgres}, no password, loopback only.
     */
    public synchronized String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    /** The embedded AMQP broker's port (user guest/guest), or 0 when a real RabbitMQ is configured. */
    public synchronized int amqpPort() {
        return notifier.amqpPort();
    }

    /** The first administrator's password (from the environment or generated on the first run). */
    public String adminPassword() {
        return adminPassword;
    }

    String banner(Duration startup) {
        return """

                Polyclinic is ready at %1$s  (open it in a browser)
                  started in %2$.1f s
                  gateway      %1$s
                  web UI       %1$s/  (served by the web service on http://localhost:%25$d)
                  Swagger UI   %1$s/swagger-ui.html
                  identity     http://localhost:%3$d  (Swagger UI http://localhost:%3$d/swagger-ui.html)
                  booking      http://localhost:%4$d  (Swagger UI http://localhost:%4$d/swagger-ui.html; import gRPC %18$s)
                  audit        http://localhost:%10$d  (gRPC %11$s)
                  notifier     http://localhost:%12$d  (sent mail: http://localhost:%12$d/dev/mail)
                  orders       http://localhost:%17$d  (admins: %1$s/api/v1/orders/b563feb7b2b84b6test)
                  ingest       http://localhost:%19$d  (gRPC 127.0.0.1:%20$d; imports: %1$s/api/v1/imports)
                  collector    http://localhost:%21$d  (tracker %1$s/tracker.js)   test site %22$s
                  analytics    http://localhost:%23$d  (sites and reports: %1$s/api/v1/analytics/sites; demo site %24$s)
                  SMTP         127.0.0.1:%13$d (GreenMail)   AMQP %14$s
                  Kafka        %15$s
                  PostgreSQL   jdbc:postgresql://127.0.0.1:%5$d/  user postgres, databases identity, booking, audit, notifier, orders, ingest, analytics
                  admin        %6$s / %7$s
                  patient      %8$s / %9$s
                %16$s\
                Press Ctrl-C to stop.
                """.formatted(
                gatewayUrl(),
                startup.toMillis() / 1000.0,
                identityPort,
                bookingPort,
                postgres.port(),
                config.adminEmail(),
                config.adminPassword() != null
                        ? "(from POLYCLINIC_ADMIN_PASSWORD)"
                        : adminPassword + "  (kept in " + config.varDirectory().resolve("dev-admin-password") + ")",
                DEMO_PATIENT_EMAIL,
                DEMO_PATIENT_PASSWORD,
                auditPort,
                auditTarget(),
                notifierPort,
                notifier.smtpPort(),
                notifier.amqpPort() == 0
                        ? "RabbitMQ from RABBITMQ_HOST"
                        : "127.0.0.1:" + notifier.amqpPort() + " (Qpid Broker-J, guest/guest)",
                config.externalKafka() != null
                        ? config.externalKafka() + " (KAFKA_BOOTSTRAP_SERVERS)"
                        : kafkaBootstrapServers() + " (in-process, KRaft; topics " + String.join(", ", KAFKA_TOPICS)
                                + ")",
                externalServicesNote(),
                ordersPort,
                bookingImportTarget(),
                ingestPort,
                ingestGrpcPort,
                collectorPort,
                testSite == null ? "-" : testSite.url(),
                analyticsPort,
                AnalyticsDevBlock.DEMO_TRACKING_ID,
                webPort);
    }

    /** For each service left out of the stack, the line that says how to run it; empty when none is. */
    private String externalServicesNote() {
        var note = new StringBuilder();
        for (var service : DevStackConfig.SERVICES) {
            if (config.isExternal(service)) {
                note.append(
                        "  left out    %s: run it as its own JVM with %s%n".formatted(service, launchCommand(service)));
            }
        }
        return note.toString();
    }

    /** Keeps the started server for {@link #close()}; stops it at once when the stack is already stopping. */
    private synchronized void adopt(EmbeddedPostgresServer server) {
        if (closed) {
            server.close();
            throw new IllegalStateException("The dev stack was stopped while it was starting");
        }
        postgres = server;
    }

    /** Keeps the started notifier for {@link #close()}; stops it at once when the stack is already stopping. */
    private synchronized void adopt(NotifierDevBlock block) {
        if (closed) {
            block.close();
            throw new IllegalStateException("The dev stack was stopped while it was starting");
        }
        notifier = block;
    }

    /** Keeps a started context for {@link #close()}; closes it at once when the stack is already stopping. */
    private synchronized void register(ConfigurableApplicationContext context) {
        if (context == null) {
            return;
        }
        if (closed) {
            context.close();
            throw new IllegalStateException("The dev stack was stopped while it was starting");
        }
        contexts.add(context);
    }

    // ---- Outages: the audit service and Kafka stopped and started again while the rest runs (DevStackOutageTest) ----

    private synchronized void registerAudit(ConfigurableApplicationContext context) {
        if (context == null) {
            return;
        }
        register(context);
        auditContext = context;
    }

    /** Stops the audit service (HTTP and gRPC); the other services keep running. Does nothing when it is down. */
    synchronized void stopAudit() {
        if (auditContext == null) {
            return;
        }
        contexts.remove(auditContext);
        auditContext.close();
        auditContext = null;
    }

    /**
     * Starts the audit service again on the same ports with the same database and returns once it is ready; does
     * nothing when it is running.
     */
    void startAudit() {
        synchronized (this) {
            if (auditContext != null || closed) {
                return;
            }
            auditContext = run(AuditApplication.class, auditArgs(auditJdbcUrl), auditDevDefaults);
            // First in the list: closed after the gateway and the services that call it, as at the first start.
            contexts.addFirst(auditContext);
        }
        awaitReady(auditPort);
    }

    /** The in-process Kafka broker ({@code stop()} / {@code restart()} play an outage), or null for an external one. */
    synchronized EmbeddedKafkaServer kafka() {
        return kafka;
    }

    /** Where ingest reaches booking's bulk import (gRPC): {@code static://127.0.0.1:<port>}. */
    String bookingImportTarget() {
        return "static://127.0.0.1:" + bookingGrpcPort;
    }

    /** Ingest's client secret at identity's token endpoint (scope {@code booking.import}). */
    String ingestClientSecret() {
        return ingestClientSecret;
    }

    /** Booking's own base URL (not through the gateway), where its {@code /actuator/prometheus} is. */
    String bookingUrl() {
        return "http://localhost:" + bookingPort;
    }

    /** Every message the dev SMTP server received, oldest first. */
    synchronized List<jakarta.mail.internet.MimeMessage> receivedMail() {
        return notifier.receivedMail();
    }

    /**
     * Stops the gateway, then the services (reverse start order), then Kafka, then PostgreSQL; safe to call twice and
     * while starting.
     */
    @Override
    public synchronized void close() {
        closed = true;
        for (int i = contexts.size() - 1; i >= 0; i--) {
            var context = contexts.get(i);
            try {
                context.close();
            } catch (RuntimeException e) {
                log.warn("{} did not stop cleanly", context.getId(), e);
            }
        }
        contexts.clear();
        if (testSite != null) {
            testSite.close();
            testSite = null;
        }
        if (notifier != null) {
            try {
                notifier.close();
            } catch (RuntimeException e) {
                log.warn("The notifier did not stop cleanly", e);
            }
            notifier = null;
        }
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
