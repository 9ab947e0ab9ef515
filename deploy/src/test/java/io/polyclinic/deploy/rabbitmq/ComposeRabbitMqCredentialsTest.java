package io.polyclinic.deploy.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyclinic.deploy.RepositoryFiles;
import io.polyclinic.deploy.compose.ComposeFile;
import io.polyclinic.notifier.config.AmqpConfiguration;
import io.polyclinic.notifier.shared.NotifierProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * The compose stack's RabbitMQ credentials, exercised on a real RabbitMQ ({@link RabbitMqServer}) set up as compose
 * sets it up: the administrator and virtual host of compose.yaml's {@code rabbitmq} service, then
 * {@code rabbitmq/init.sh} itself (the script {@code rabbitmq-init} runs) against the management API, with the
 * passwords of {@code .env.example}. The notifier, with its compose settings, then declares its own topology (its
 * {@link AmqpConfiguration}), takes a job, dead-letters it and replays it as the notifier does; and nothing else.
 */
class ComposeRabbitMqCredentialsTest {

    private static final Path INIT = RepositoryFiles.root().resolve("deploy/compose/rabbitmq/init.sh");

    @TempDir
    static Path directory;

    private static RabbitMqServer broker;
    private static Map<String, String> notifier;
    private static String virtualHost;
    private static String adminUser;
    private static String adminPassword;

    @BeforeAll
    static void startRabbitMqAndRunTheComposeSetup() throws Exception {
        var compose = ComposeFile.load();
        var variables = ComposeFile.exampleVariables();
        var rabbit = settings(compose, "rabbitmq", variables);
        adminUser = rabbit.get("RABBITMQ_DEFAULT_USER");
        adminPassword = rabbit.get("RABBITMQ_DEFAULT_PASS");
        virtualHost = rabbit.get("RABBITMQ_DEFAULT_VHOST");
        broker = RabbitMqServer.start(directory, adminUser, adminPassword, virtualHost);

        var init = new ProcessBuilder("sh", INIT.toString()).redirectErrorStream(true);
        init.environment().putAll(settings(compose, "rabbitmq-init", variables));
        init.environment().put("RABBITMQ_API", broker.managementApi());
        var process = init.start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("init.sh: %s", output).isZero();

        notifier = settings(compose, "notifier", variables);
    }

    /** A compose service's settings: its env files, then its {@code environment:} over them, interpolated. */
    private static Map<String, String> settings(ComposeFile compose, String service, Map<String, String> variables) {
        var result = new HashMap<String, String>();
        for (var file : compose.envFiles(service)) {
            result.putAll(ComposeFile.readEnvFile(file));
        }
        compose.environment(service)
                .forEach((name, value) -> result.put(name, ComposeFile.interpolate(value, variables)));
        return result;
    }

    @AfterAll
    static void stopRabbitMq() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theNotifierDeclaresItsTopologyTakesAJobAndReplaysADeadLetter() {
        var factory = connectionFactory(
                notifier.get("SPRING_RABBITMQ_USERNAME"),
                notifier.get("SPRING_RABBITMQ_PASSWORD"),
                notifier.get("SPRING_RABBITMQ_VIRTUAL_HOST"));
        var properties = new Binder(List.of()).bindOrCreate("polyclinic.notifier", NotifierProperties.class);
        var jobs = properties.jobs();
        try (var context = new AnnotationConfigApplicationContext()) {
            context.registerBean(NotifierProperties.class, () -> properties);
            context.registerBean(CachingConnectionFactory.class, () -> factory);
            context.registerBean(RabbitTemplate.class, () -> new RabbitTemplate(factory));
            context.registerBean(RabbitAdmin.class, () -> new RabbitAdmin(factory));
            context.register(AmqpConfiguration.class);
            context.refresh();
            // what the notifier's RabbitAdmin does at its first connection; a refusal throws
            context.getBean(RabbitAdmin.class).initialize();

            var template = context.getBean(RabbitTemplate.class);
            template.setReceiveTimeout(5_000);
            // a producer's job, through the default exchange (the job contract)
            template.send("", jobs.queue(), job("{\"id\":\"job-1\"}"));
            var taken = template.receive(jobs.queue());
            assertThat(taken).isNotNull();
            // the notifier's dead-lettering: republished to the dead-letter exchange
            template.send(jobs.deadLetterExchange(), jobs.deadLetterQueue(), taken);
            var dead = template.receive(jobs.deadLetterQueue());
            assertThat(dead).isNotNull();
            // the replay (POST /api/v1/notifier/dead-letters/replay): back onto the work queue by the default exchange
            template.send("", jobs.queue(), dead);
            var replayed = template.receive(jobs.queue());
            assertThat(replayed).isNotNull();
            assertThat(new String(replayed.getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"job-1\"}");
        } finally {
            factory.destroy();
        }
    }

    @Test
    void theNotifierCanNeitherDeclareNorReadAnotherQueue() {
        var adminFactory = connectionFactory(adminUser, adminPassword, virtualHost);
        var factory = connectionFactory(
                notifier.get("SPRING_RABBITMQ_USERNAME"),
                notifier.get("SPRING_RABBITMQ_PASSWORD"),
                notifier.get("SPRING_RABBITMQ_VIRTUAL_HOST"));
        try {
            new RabbitAdmin(adminFactory).declareQueue(new Queue("billing.invoices", true));
            new RabbitTemplate(adminFactory).send("", "billing.invoices", job("{\"invoice\":1}"));

            var admin = new RabbitAdmin(factory);
            assertThatThrownBy(() -> admin.declareQueue(new Queue("orders.copy", true)))
                    .rootCause()
                    .hasMessageContaining("ACCESS_REFUSED");
            var template = new RabbitTemplate(factory);
            assertThatThrownBy(() -> template.receive("billing.invoices"))
                    .rootCause()
                    .hasMessageContaining("ACCESS_REFUSED");
            assertThat(new RabbitTemplate(adminFactory).receive("billing.invoices"))
                    .as("the refused read took nothing")
                    .isNotNull();
        } finally {
            factory.destroy();
            adminFactory.destroy();
        }
    }

    @Test
    void noGuestNoWrongPasswordAndNoOtherVirtualHost() {
        for (var credentials : List.of(
                List.of("guest", "guest", "/"),
                List.of("guest", "guest", virtualHost),
                List.of(notifier.get("SPRING_RABBITMQ_USERNAME"), "not-the-password", virtualHost),
                List.of(notifier.get("SPRING_RABBITMQ_USERNAME"), notifier.get("SPRING_RABBITMQ_PASSWORD"), "/"))) {
            var factory = connectionFactory(credentials.get(0), credentials.get(1), credentials.get(2));
            try {
                assertThatThrownBy(() -> factory.createConnection().close())
                        .as("%s on %s", credentials.get(0), credentials.get(2))
                        .satisfies(e -> assertThat(causes(e)).containsAnyOf("ACCESS_REFUSED", "NOT_ALLOWED"));
            } finally {
                factory.destroy();
            }
        }
    }

    /** The messages of an exception and its causes: the broker's refusal is in the innermost. */
    private static String causes(Throwable e) {
        var messages = new StringBuilder();
        for (var cause = e; cause != null; cause = cause.getCause()) {
            messages.append(cause).append('\n');
        }
        return messages.toString();
    }

    private static CachingConnectionFactory connectionFactory(String user, String password, String virtualHost) {
        var factory = new CachingConnectionFactory("127.0.0.1", broker.amqpPort());
        factory.setUsername(user);
        factory.setPassword(password);
        factory.setVirtualHost(virtualHost);
        return factory;
    }

    private static Message job(String json) {
        var properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        return new Message(json.getBytes(StandardCharsets.UTF_8), properties);
    }
}
