package io.polyclinic.notifier.retry;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Which failures are waited out and which are set aside for good. */
class FailuresTest {

    @Test
    void anUnreachableDatabaseIsTransientHoweverItIsWrapped() {
        assertThat(Failures.isTransient(new CannotCreateTransactionException(
                        "no connection", new SQLTransientConnectionException("pool timed out"))))
                .isTrue();
        assertThat(Failures.isTransient(new CannotGetJdbcConnectionException("down")))
                .isTrue();
        assertThat(Failures.isTransient(
                        new RuntimeException("listener failed", new SQLException("connection lost", "08006"))))
                .isTrue();
        assertThat(Failures.isTransient(new RuntimeException(new SQLException("statement timeout", "57014"))))
                .isTrue();
    }

    @Test
    void aBugOrAConstraintViolationIsNotTransient() {
        assertThat(Failures.isTransient(new NullPointerException())).isFalse();
        assertThat(Failures.isTransient(new RuntimeException(new SQLException("duplicate key", "23505"))))
                .isFalse();
    }

    @Test
    void anSmtpServerThatRefusesTheRecipientForGoodIsAPermanentFailure() throws Exception {
        var refused = new SendFailedException("Invalid Addresses", null, new Address[0], new Address[0], new Address[] {
            new InternetAddress("nobody@example.com")
        });
        var send = new MailSendException(Map.of(new Object(), refused));

        assertThat(Failures.isPermanentMailFailure(send)).isTrue();
    }

    @Test
    void anSmtpServerThatIsDownOrDefersOrRejectsTheLoginIsNotAPermanentFailure() throws Exception {
        var down = new MailSendException(
                "Mail server connection failed",
                new MessagingException("Could not connect", new ConnectException("refused")));
        var deferred = new MailSendException(Map.of(
                new Object(),
                new SendFailedException(
                        "Try later",
                        null,
                        new Address[0],
                        new Address[] {new InternetAddress("a@example.com")},
                        null)));

        assertThat(Failures.isPermanentMailFailure(down)).isFalse();
        assertThat(Failures.isPermanentMailFailure(deferred)).isFalse();
        assertThat(Failures.isPermanentMailFailure(new MailAuthenticationException("bad password")))
                .isFalse();
    }
}
