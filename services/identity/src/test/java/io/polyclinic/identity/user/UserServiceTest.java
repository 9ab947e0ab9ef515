package io.polyclinic.identity.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyclinic.identity.event.IdentityEvents;
import io.polyclinic.identity.password.PasswordHasher;
import io.polyclinic.identity.password.PasswordPolicy;
import io.polyclinic.identity.password.WeakPasswordException;
import io.polyclinic.platform.audit.AuditTrail;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/** Registration without Spring: which steps run inside the transaction. */
class UserServiceTest {

    /** Stands in for the transaction manager: records whether a callback is running. */
    private static final class RecordingTransactions extends TransactionTemplate {

        boolean active;
        int count;

        @Override
        public <T> T execute(TransactionCallback<T> action) {
            active = true;
            count++;
            try {
                return action.doInTransaction(new SimpleTransactionStatus());
            } finally {
                active = false;
            }
        }
    }

    private final RecordingTransactions transactions = new RecordingTransactions();
    private final List<String> events = new ArrayList<>();
    private boolean emailTaken;

    private final PasswordHasher hasher = new PasswordHasher(10) {
        @Override
        public String hash(String password) {
            events.add("hash in transaction: " + transactions.active);
            return super.hash(password);
        }
    };

    private final UserRepository repository = new UserRepository(null) {
        @Override
        public void insert(User user) {
            events.add("insert in transaction: " + transactions.active);
            if (emailTaken) {
                throw new DuplicateKeyException("users_email_lower_uq");
            }
        }
    };

    private final AuditTrail audit =
            entry -> events.add("audit " + entry.action() + " in transaction: " + transactions.active);

    private final IdentityEvents identityEvents = new IdentityEvents(null, Clock.systemUTC()) {
        @Override
        public UUID publish(String type, UUID userId, Object data) {
            events.add(type + " in transaction: " + transactions.active);
            return userId;
        }
    };

    private final UserService service = new UserService(
            repository,
            PasswordPolicy.withBundledList(),
            hasher,
            Clock.systemUTC(),
            transactions,
            audit,
            identityEvents);

    @Test
    void registrationHashesThePasswordOutsideTheTransactionAndInsertsAuditsAndPublishesInsideIt() {
        var user = service.register(" ann@example.com ", "correct horse battery staple", " Ann ");

        assertThat(events)
                .containsExactly(
                        "hash in transaction: false",
                        "insert in transaction: true",
                        "audit USER_REGISTERED in transaction: true",
                        "UserRegistered in transaction: true");
        assertThat(user.email()).isEqualTo("ann@example.com");
        assertThat(user.fullName()).isEqualTo("Ann");
    }

    @Test
    void aWeakPasswordIsRejectedWithoutOpeningATransaction() {
        assertThatThrownBy(() -> service.register("ann@example.com", "Password123", "Ann"))
                .isInstanceOf(WeakPasswordException.class);

        assertThat(transactions.count).isZero();
        assertThat(events).isEmpty();
    }

    @Test
    void createIfMissingAnswersFalseWhenTheInsertFindsTheEmailTakenAndAuditsNothing() {
        emailTaken = true;

        assertThat(service.createIfMissing(
                        "root@example.com", "correct horse battery staple", "Root", EnumSet.of(Role.ADMIN)))
                .isFalse();
        assertThat(events).containsExactly("hash in transaction: false", "insert in transaction: true");
    }
}
