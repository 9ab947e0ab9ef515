package io.polyclinic.notifier.retry;

import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells failures that pass by themselves (retried without limit, with capped backoff) from those that never will
 * (dead-lettered, or an email marked FAILED). Decision 0029.
 */
public final class Failures {

    private Failures() {}

    /**
     * Whether the failure is an outage that passes once the database comes back: no connection from the pool, the
     * connection lost, a transaction that cannot begin or commit, a timed-out or cancelled statement, a serialization
     * failure or deadlock, the server shutting down or out of resources. Looks at the whole cause chain.
     */
    public static boolean isTransient(Throwable failure) {
        for (var cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof TransientDataAccessException
                    || cause instanceof RecoverableDataAccessException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof TransactionSystemException
                    || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof IOException) {
                return true;
            }
            if (cause instanceof SQLException sql && transientSqlState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an email can never be sent as it is: the SMTP server refused its recipient for good (a 5xx reply, which
     * JavaMail reports as invalid addresses), an address that does not parse, or a message that cannot be built.
     * Everything else (server unreachable, 4xx, authentication, timeouts) may pass.
     */
    public static boolean isPermanentMailFailure(Throwable failure) {
        if (failure instanceof MailAuthenticationException) {
            return false;
        }
        if (failure instanceof MailPreparationException || failure instanceof MailParseException) {
            return true;
        }
        if (failure instanceof MailSendException send
                && !send.getFailedMessages().isEmpty()) {
            return send.getFailedMessages().values().stream().allMatch(Failures::isPermanentMailFailure);
        }
        for (var cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof AddressException) {
                return true;
            }
            if (cause instanceof SendFailedException sendFailed
                    && sendFailed.getInvalidAddresses() != null
                    && sendFailed.getInvalidAddresses().length > 0
                    && (sendFailed.getValidUnsentAddresses() == null
                            || sendFailed.getValidUnsentAddresses().length == 0)) {
                return true;
            }
        }
        return false;
    }

    /** Connection exceptions (08), insufficient resources (53), operator intervention (57: shutdown, cancel, timeout),
     * transaction rollback (40: serialization failure, deadlock). */
    private static boolean transientSqlState(String state) {
        return state != null
                && (state.startsWith("08")
                        || state.startsWith("53")
                        || state.startsWith("57")
                        || state.startsWith("40"));
    }

    private static Throwable next(Throwable cause) {
        if (cause instanceof SQLException sql && sql.getNextException() != null && cause.getCause() == null) {
            return sql.getNextException();
        }
        return cause.getCause() == cause ? null : cause.getCause();
    }
}
