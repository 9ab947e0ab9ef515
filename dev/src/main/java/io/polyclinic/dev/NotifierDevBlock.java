package io.polyclinic.dev;

import io.polyclinic.notifier.NotifierApplication;
import io.polyclinic.notifier.dev.MailInbox;
import io.polyclinic.testkit.amqp.EmbeddedAmqpBroker;
import io.polyclinic.testkit.mail.EmbeddedSmtpServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The notifier (docs/product.md "Notifications") in the dev stack with what it needs: an embedded SMTP server (GreenMail) whose inbox
 * {@code GET /dev/mail} on the notifier lists, and an embedded AMQP 0-9-1 broker (Qpid Broker-J) unless
 * {@code RABBITMQ_HOST} or {@code SPRING_RABBITMQ_HOST} names a real RabbitMQ. Kafka comes from the caller: the
 * bootstrap servers of the dev stack's broker or {@code KAFKA_BOOTSTRAP_SERVERS}; without any, the notifier's
 * booking events consumer stays off (emails from jobs and reminders still work).
 */
final class NotifierDevBlock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NotifierDevBlock.class);
    private static final String QPID_LOG_LEVEL = "logging.level.qpid.message";

    private final EmbeddedSmtpServer smtp;
    private final EmbeddedAmqpBroker amqp;
    private final ConfigurableApplicationContext context;

    private NotifierDevBlock(EmbeddedSmtpServer smtp, EmbeddedAmqpBroker amqp, ConfigurableApplicationContext context) {
        this.smtp = smtp;
        this.amqp = amqp;
        this.context = context;
    }

    /**
     * Starts SMTP, AMQP (unless external) and the notifier.
     *
     * @param serviceArgs the dev stack's arguments of any service (port, database, no gateway auto-configuration)
     * @param kafkaBootstrapServers where Kafka is, or {@code null} for none
     * @param env the process environment ({@code RABBITMQ_HOST}, {@code RABBITMQ_PORT}, {@code RABBITMQ_USERNAME},
     *     {@code RABBITMQ_PASSWORD}, {@code RABBITMQ_VHOST})
     * @param handOver {@code null} to run the notifier in this JVM; else SMTP and AMQP start here and the notifier's
     *     arguments go to this consumer, for the notifier to run as its own JVM (without the {@code /dev/mail} page,
     *     whose inbox is the SMTP server in this JVM)
     * @param brokerArgs completed, as soon as the AMQP broker is known, with the arguments that point another service
     *     at it (analytics publishes alert emails there), or exceptionally when the block does not start
     */
    static NotifierDevBlock start(
            List<String> serviceArgs,
            String jwksUri,
            String kafkaBootstrapServers,
            Map<String, String> env,
            Consumer<List<String>> handOver,
            CompletableFuture<List<String>> brokerArgs) {
        try {
            return startBlock(serviceArgs, jwksUri, kafkaBootstrapServers, env, handOver, brokerArgs::complete);
        } catch (RuntimeException e) {
            brokerArgs.completeExceptionally(e);
            throw e;
        }
    }

    private static NotifierDevBlock startBlock(
            List<String> serviceArgs,
            String jwksUri,
            String kafkaBootstrapServers,
            Map<String, String> env,
            Consumer<List<String>> handOver,
            Consumer<List<String>> onBroker) {
        // Broker-J logs every connection and queue operation at INFO; a system property reaches every context's
        // logging set-up in this JVM (an environment variable or argument still overrides it).
        if (System.getProperty(QPID_LOG_LEVEL) == null) {
            System.setProperty(QPID_LOG_LEVEL, "WARN");
        }
        var smtp = EmbeddedSmtpServer.start();
        EmbeddedAmqpBroker amqp = null;
        try {
            var args = new ArrayList<>(serviceArgs);
            args.add("--polyclinic.security.jwk-set-uri=" + jwksUri);
            smtp.springProperties().forEach((key, value) -> args.add("--" + key + "=" + value));
            var rabbit = new ArrayList<String>();
            if (isSet(env, "RABBITMQ_HOST") || isSet(env, "SPRING_RABBITMQ_HOST")) {
                rabbitFromEnvironment(env, rabbit);
            } else {
                amqp = EmbeddedAmqpBroker.start();
                amqp.springProperties().forEach((key, value) -> rabbit.add("--" + key + "=" + value));
            }
            args.addAll(rabbit);
            onBroker.accept(List.copyOf(rabbit));
            if (kafkaBootstrapServers == null || kafkaBootstrapServers.isBlank()) {
                log.info("No Kafka in the dev stack: the notifier does not consume booking events");
                args.add("--spring.kafka.listener.auto-startup=false");
                args.add("--spring.kafka.admin.auto-create=false");
            } else {
                args.add("--spring.kafka.bootstrap-servers=" + kafkaBootstrapServers);
            }
            if (handOver != null) {
                handOver.accept(args);
                return new NotifierDevBlock(smtp, amqp, null);
            }
            args.add("--polyclinic.notifier.dev-mail-page=true");
            var inbox = new GreenMailInbox(smtp);
            var context = new SpringApplicationBuilder(NotifierApplication.class)
                    .main(NotifierApplication.class)
                    .listeners(new LoggingInitializationLock())
                    .initializers(ctx -> ctx.getBeanFactory().registerSingleton("devMailInbox", (MailInbox) inbox))
                    .registerShutdownHook(false)
                    .run(args.toArray(String[]::new));
            return new NotifierDevBlock(smtp, amqp, context);
        } catch (RuntimeException e) {
            if (amqp != null) {
                amqp.close();
            }
            smtp.close();
            throw e;
        }
    }

    private static void rabbitFromEnvironment(Map<String, String> env, List<String> args) {
        var names = Map.of(
                "RABBITMQ_HOST", "spring.rabbitmq.host",
                "RABBITMQ_PORT", "spring.rabbitmq.port",
                "RABBITMQ_USERNAME", "spring.rabbitmq.username",
                "RABBITMQ_PASSWORD", "spring.rabbitmq.password",
                "RABBITMQ_VHOST", "spring.rabbitmq.virtual-host");
        names.forEach((variable, property) -> {
            if (isSet(env, variable)) {
                args.add("--" + property + "=" + env.get(variable));
            }
        });
    }

    private static boolean isSet(Map<String, String> env, String name) {
        var value = env.get(name);
        return value != null && !value.isBlank();
    }

    /** The SMTP server's port on 127.0.0.1. */
    int smtpPort() {
        return smtp.port();
    }

    /** The embedded AMQP broker's port, or 0 when a real RabbitMQ is used. */
    int amqpPort() {
        return amqp == null ? 0 : amqp.port();
    }

    /** Every message the SMTP server received, oldest first (for the dev stack's outage test). */
    List<jakarta.mail.internet.MimeMessage> receivedMail() {
        return smtp.receivedMessages();
    }

    /** Stops the notifier (its consumers finish) when it runs here, then the brokers it used. */
    @Override
    public void close() {
        try {
            if (context != null) {
                context.close();
            }
        } finally {
            if (amqp != null) {
                amqp.close();
            }
            smtp.close();
        }
    }
}
