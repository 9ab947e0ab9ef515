package io.polyclinic.identity.user;

import io.polyclinic.identity.config.IdentityProperties;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the first administrator at start from {@code polyclinic.identity.admin.email} and {@code .password}
 * (environment {@code POLYCLINIC_ADMIN_EMAIL} / {@code POLYCLINIC_ADMIN_PASSWORD}) with roles ADMIN and PATIENT, when
 * no account has that email. Idempotent: an existing administrator account is left as it is (its password is not
 * reset). An existing account with that email but without ADMIN stops the start: it was registered by someone else
 * (perhaps a squatter who knew the planned address), so it is never promoted. The password is never logged.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserService users;
    private final IdentityProperties.Admin admin;

    AdminBootstrap(UserService users, IdentityProperties properties) {
        this.users = users;
        this.admin = properties.admin();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!admin.isConfigured()) {
            log.info("No first administrator configured (polyclinic.identity.admin.email/password)");
            return;
        }
        var created = users.createIfMissing(
                admin.email(), admin.password(), admin.fullName(), EnumSet.of(Role.PATIENT, Role.ADMIN));
        var account = users.findByEmail(admin.email());
        // Log lines name accounts by id only: an email address is personal data.
        var id = account.map(user -> user.id().toString()).orElse("-");
        if (created) {
            log.info("Created the first administrator, user {}", id);
            return;
        }
        if (account.isPresent() && !account.get().roles().contains(Role.ADMIN)) {
            throw new IllegalStateException("The configured first administrator email (polyclinic.identity.admin.email)"
                    + " belongs to existing account " + id + ", which has no ADMIN role; it is not promoted."
                    + " Configure another email, or grant ADMIN through the admin API.");
        }
        log.info("The administrator account, user {}, already exists; left unchanged", id);
    }
}
