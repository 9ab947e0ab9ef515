package io.polyclinic.analytics.alert;

import io.polyclinic.platform.outbox.OutboxMessage;
import io.polyclinic.platform.outbox.OutboxSender;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.core.Ordered;

/**
 * Delivers the outbox's email jobs to the notifier's RabbitMQ work queue (default exchange, routing key = the queue):
 * one persistent JSON message per job, message id = job id. A job counts as sent only when the broker confirmed it
 * and did not return it as unroutable (the notifier declares the queue; before it has, the job stays in the outbox
 * and is tried again). Ordered before the platform's Kafka sender, which would otherwise take the destination for a
 * topic.
 */
public class EmailJobSender implements OutboxSender, Ordered {

    private final RabbitTemplate rabbit;
    private final String queue;
    private final Duration confirmTimeout;

    /**
     * @param rabbit a template on a connection factory with correlated publisher confirms and returns, mandatory on
     * @param queue the work queue, e.g. {@code notifications.email}
     * @param confirmTimeout how long to wait for the broker's confirms of one batch
     */
    public EmailJobSender(RabbitTemplate rabbit, String queue, Duration confirmTimeout) {
        this.rabbit = rabbit;
        this.queue = queue;
        this.confirmTimeout = confirmTimeout;
    }

    @Override
    public boolean supports(String destination) {
        return queue.equals(destination);
    }

    @Override
    public void send(List<OutboxMessage> messages) throws Exception {
        var pending = new ArrayList<CorrelationData>();
        for (var message : messages) {
            var properties = new MessageProperties();
            properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
            properties.setContentEncoding(StandardCharsets.UTF_8.name());
            properties.setMessageId(message.id().toString());
            properties.setType(message.type());
            var correlation = new CorrelationData(message.id().toString());
            rabbit.send(
                    "",
                    queue,
                    new Message(message.payload().getBytes(StandardCharsets.UTF_8), properties),
                    correlation);
            pending.add(correlation);
        }
        var deadline = System.nanoTime() + confirmTimeout.toNanos();
        for (var correlation : pending) {
            var confirm = correlation.getFuture().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (!confirm.ack()) {
                throw new IllegalStateException(
                        "The broker refused email job " + correlation.getId() + ": " + confirm.reason());
            }
            if (correlation.getReturned() != null) {
                throw new IllegalStateException("Email job " + correlation.getId() + " was not routed to queue " + queue
                        + " (" + correlation.getReturned().getReplyText() + ")");
            }
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
