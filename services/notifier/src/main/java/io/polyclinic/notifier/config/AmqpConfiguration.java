package io.polyclinic.notifier.config;

import io.polyclinic.notifier.shared.NotifierProperties;
import java.util.Map;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;
import org.springframework.amqp.rabbit.retry.RepublishMessageRecoverer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The email job queue and its dead-letter path, declared by the notifier: queue {@code notifications.email} with a
 * fanout dead-letter exchange {@code notifications.email.dlx} bound to queue {@code notifications.email.dlq}.
 *
 * <p>The notifier itself dead-letters by republishing to the exchange (with the reason in {@code x-exception-*}
 * headers) and then acknowledging, which works the same on RabbitMQ and on the dev stack's Qpid Broker-J. The queue
 * also carries the broker-side dead-letter arguments so that a message a broker rejects lands there too: RabbitMQ
 * reads {@code x-dead-letter-exchange} (on any rejection without requeue), Broker-J its {@code alternateExchange}
 * (once the message was delivered {@code x-qpid-maximum-delivery-count} times; decision 0021); each ignores the
 * other's.
 */
@Configuration(proxyBeanMethods = false)
public class AmqpConfiguration {

    @Bean
    FanoutExchange emailDeadLetterExchange(NotifierProperties properties) {
        return new FanoutExchange(properties.jobs().deadLetterExchange(), true, false);
    }

    @Bean
    Queue emailDeadLetterQueue(NotifierProperties properties) {
        return new Queue(properties.jobs().deadLetterQueue(), true);
    }

    @Bean
    Binding emailDeadLetterBinding(Queue emailDeadLetterQueue, FanoutExchange emailDeadLetterExchange) {
        return BindingBuilder.bind(emailDeadLetterQueue).to(emailDeadLetterExchange);
    }

    @Bean
    Queue emailJobQueue(NotifierProperties properties) {
        var jobs = properties.jobs();
        return new Queue(
                jobs.queue(),
                true,
                false,
                false,
                Map.of(
                        "x-dead-letter-exchange", jobs.deadLetterExchange(),
                        "x-dead-letter-routing-key", jobs.deadLetterQueue(),
                        "alternateExchange", jobs.deadLetterExchange(),
                        // Broker-J dead-letters a rejected message only once it reached this many deliveries.
                        "x-qpid-maximum-delivery-count", 5));
    }

    /** Used for malformed jobs and for jobs that kept failing for an unexpected reason. */
    @Bean
    MessageRecoverer emailJobDeadLetters(RabbitTemplate rabbitTemplate, NotifierProperties properties) {
        var jobs = properties.jobs();
        return new RepublishMessageRecoverer(rabbitTemplate, jobs.deadLetterExchange(), jobs.deadLetterQueue());
    }
}
