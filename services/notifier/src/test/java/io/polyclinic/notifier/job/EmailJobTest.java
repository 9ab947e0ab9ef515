package io.polyclinic.notifier.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.polyclinic.contracts.jobs.EmailJob;
import io.polyclinic.contracts.schema.ContractSchemas;
import io.polyclinic.notifier.MailParts;
import io.polyclinic.notifier.NotifierTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

class EmailJobTest extends NotifierTest {

    private static final String QUEUE = "notifications.email";
    private static final String DLQ = "notifications.email.dlq";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    RabbitAdmin admin;

    @Autowired
    RabbitListenerEndpointRegistry listeners;

    @Autowired
    MeterRegistry meters;

    private void publish(String body) {
        var properties = new MessageProperties();
        properties.setContentType("application/json");
        rabbit.send("", QUEUE, new Message(body.getBytes(StandardCharsets.UTF_8), properties));
    }

    /** A job as a producer publishes it: the contracts' record, serialized by Jackson. */
    private static String job(String id, String to, String subject) {
        return JSON.writeValueAsString(
                new EmailJob(id, to, subject, "Traffic dropped by 80 %.", "<p>Traffic</p>", "en"));
    }

    private int messagesIn(String queue) {
        var properties = admin.getQueueProperties(queue);
        return properties == null ? -1 : ((Number) properties.get(RabbitAdmin.QUEUE_MESSAGE_COUNT)).intValue();
    }

    /** Takes messages off the dead-letter queue until {@code count} whose body contains {@code marker} arrived. */
    private java.util.List<Message> awaitDeadLetters(String marker, int count) {
        var found = new java.util.ArrayList<Message>();
        Awaitility.await().atMost(WAIT).until(() -> {
            Message message;
            while ((message = rabbit.receive(DLQ, 200)) != null) {
                if (text(message).contains(marker)) {
                    found.add(message);
                }
            }
            return found.size() >= count;
        });
        return found;
    }

    private static String text(Message message) {
        return new String(message.getBody(), StandardCharsets.UTF_8);
    }

    @Test
    void aJobIsSentAndAcknowledged() {
        var to = newRecipient();
        var job = job("alert-" + id(), to, "Traffic alert");
        // The contract test of the job as published: exactly the documented fields, each as documented.
        assertThat(ContractSchemas.forProducers().problems(EmailJob.CONTRACT, JSON.readTree(job)))
                .isEmpty();
        publish(job);

        var mail = MailParts.of(awaitMailTo(to, 1).getFirst());
        assertThat(mail.subject()).isEqualTo("Traffic alert");
        assertThat(mail.text()).isEqualTo("Traffic dropped by 80 %.");
        assertThat(mail.html()).isEqualTo("<p>Traffic</p>");

        // With the consumer stopped, an unacknowledged message would go back to the queue; none does.
        var container = listeners.getListenerContainer("notifier-email-jobs");
        container.stop();
        try {
            assertThat(messagesIn(QUEUE)).isZero();
        } finally {
            container.start();
        }
    }

    @Test
    void aJobDeliveredTwiceIsSentOnce() {
        var to = newRecipient();
        var job = job("alert-" + id(), to, "Once only");
        publish(job);
        publish(job);
        publish(job("alert-" + id(), to, "The next one"));

        var mail = awaitMailTo(to, 2);
        assertThat(mail)
                .extracting(m -> MailParts.of(m).subject())
                .containsExactlyInAnyOrder("Once only", "The next one");
    }

    @Test
    void aJobThatBreaksItsSchemaGoesStraightToTheDeadLetterQueueWithTheReasonAndTheNextIsSent() {
        var to = newRecipient();
        publish("{\"id\":\"x-" + id() + "\",\"to\":\"" + to + "\"}");
        publish("not json at all, " + to);
        publish(job("alert-" + id(), "Ops <" + to + ">", "A display name"));
        publish(job("alert-" + id(), to, "Two\nlines"));
        publish(JSON.writeValueAsString(
                Map.of("id", "alert-" + id(), "to", to, "subject", "In German", "text", "T", "locale", "de")));
        var next = newRecipient();
        publish(job("alert-" + id(), next, "The next one"));

        assertThat(awaitMailTo(next, 1)).hasSize(1);
        var dead = awaitDeadLetters(to, 5);
        assertThat(dead).extracting(EmailJobTest::text).contains("not json at all, " + to);
        assertThat(dead)
                .extracting(m ->
                        String.valueOf(m.getMessageProperties().getHeaders().get("x-exception-message")))
                .satisfiesExactlyInAnyOrder(
                        reason -> assertThat(reason).contains("EmailJob breaks its schema", "subject", "text"),
                        reason -> assertThat(reason).contains("message is not JSON"),
                        reason -> assertThat(reason).contains("EmailJob breaks its schema", "$.to"),
                        reason -> assertThat(reason).contains("EmailJob breaks its schema", "$.subject"),
                        reason -> assertThat(reason).contains("EmailJob breaks its schema", "$.locale"));
        assertThat(mailTo(to)).isEmpty();
    }

    @Test
    void aJobWhoseSmtpServerIsDownIsRetriedUntilTheServerIsBackAndNeverDeadLettered() {
        double failedBefore = failed();
        var to = newRecipient();
        smtp.stop();
        try {
            publish(job("alert-" + id(), to, "SMTP is down"));
            // More failed attempts than the old limit (one attempt and two retries, then the dead-letter queue).
            Awaitility.await().atMost(WAIT).until(() -> failed() - failedBefore >= 4);
            assertThat(jdbc.sql("select status from email where recipient = ?")
                            .param(to)
                            .query(String.class)
                            .single())
                    .isEqualTo("PENDING");
        } finally {
            smtp.restart();
        }
        assertThat(awaitMailTo(to, 1)).hasSize(1);
        Message dead;
        while ((dead = rabbit.receive(DLQ, 200)) != null) {
            assertThat(text(dead)).doesNotContain(to);
        }
        assertThat(messagesIn(QUEUE)).isZero();
    }

    @Test
    void theBrokerRoutesAMessageAConsumerRejectsToTheDeadLetterQueue() {
        // On Qpid Broker-J a rejected message is dead-lettered once it reached the queue's maximum delivery count;
        // a queue of its own keeps the notifier's consumer out of the way.
        var queue = "test.rejects." + id();
        admin.declareQueue(new org.springframework.amqp.core.Queue(
                queue,
                false,
                false,
                false,
                Map.of(
                        "x-dead-letter-exchange", "notifications.email.dlx",
                        "alternateExchange", "notifications.email.dlx",
                        "x-qpid-maximum-delivery-count", 1)));
        try {
            var body = "rejected-" + id();
            rabbit.send("", queue, new Message(body.getBytes(StandardCharsets.UTF_8), new MessageProperties()));
            rabbit.execute(channel -> {
                var response = channel.basicGet(queue, false);
                channel.basicReject(response.getEnvelope().getDeliveryTag(), false);
                return null;
            });
            assertThat(awaitDeadLetters(body, 1)).hasSize(1);
        } finally {
            admin.deleteQueue(queue);
        }
    }

    private double failed() {
        var counter = meters.find("notifier.emails.failed")
                .tag("channel", "job")
                .tag("template", "job")
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
