package io.polyclinic.identity.user;

import io.polyclinic.contracts.events.EventTypes;
import io.polyclinic.contracts.events.UserRegisteredData;
import io.polyclinic.contracts.events.UserRolesChangedData;
import io.polyclinic.identity.event.IdentityEvents;
import io.polyclinic.identity.password.PasswordHasher;
import io.polyclinic.identity.password.PasswordPolicy;
import io.polyclinic.platform.audit.AuditEntry;
import io.polyclinic.platform.audit.AuditTrail;
import io.polyclinic.platform.id.Ids;
import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import io.polyclinic.platform.problem.InvalidRequestException;
import java.time.Clock;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Accounts: registration, the caller's profile, and role administration (docs/product.md S1). */
@Service
public class UserService {

    private final UserRepository users;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final IdentityEvents events;

    public UserService(
            UserRepository users,
            PasswordPolicy policy,
            PasswordHasher hasher,
            Clock clock,
            TransactionTemplate transactions,
            AuditTrail audit,
            IdentityEvents events) {
        this.users = users;
        this.audit = audit;
        this.events = events;
        this.transactions = transactions;
        this.policy = policy;
        this.hasher = hasher;
        this.clock = clock;
    }

    /**
     * Registers a patient (and appends UserRegistered with the insert). The password check and the BCrypt hash run outside any transaction (a hash takes tens of
     * milliseconds and must not hold a pooled connection); only the insert is transactional.
     *
     * @param email a valid email (already checked for shape and length); stored trimmed, case preserved
     * @param fullName stored without leading and trailing Unicode blanks (no-break spaces included)
     * @throws InvalidRequestException (400) when the email or full name holds a control character or the full name
     *     is only blanks
     * @throws io.polyclinic.identity.password.WeakPasswordException (400) when the password breaks the policy
     * @throws EmailAlreadyRegisteredException (409) when the email is taken, ignoring case
     */
    public User register(String email, String password, String fullName) {
        return create(email, password, fullName, EnumSet.of(Role.PATIENT), true);
    }

    /**
     * Creates an account with the given roles, unless the email is already registered.
     *
     * @return whether an account was created
     * @throws InvalidRequestException when the email or full name is not acceptable (see {@link #register})
     * @throws io.polyclinic.identity.password.WeakPasswordException when the password breaks the policy
     */
    public boolean createIfMissing(String email, String password, String fullName, Set<Role> roles) {
        try {
            create(email, password, fullName, roles, false);
            return true;
        } catch (EmailAlreadyRegisteredException e) {
            return false;
        }
    }

    /**
     * @param selfRegistered whether the new user is the caller (registration) rather than the system (the first
     *     admin at start), which decides the audit entry's actor
     */
    private User create(String email, String password, String fullName, Set<Role> roles, boolean selfRegistered) {
        var cleanEmail = requireText("email", email.strip());
        var cleanName = requireText("fullName", stripBlanks(fullName));
        if (cleanName.isEmpty()) {
            throw new InvalidRequestException("fullName", "The full name must not be blank.");
        }
        policy.check(password);
        var user = new User(Ids.newId(), cleanEmail, cleanName, hasher.hash(password), roles, clock.instant());
        try {
            transactions.executeWithoutResult(status -> {
                users.insert(user);
                audit.record(new AuditEntry(
                        selfRegistered ? user.id() : null,
                        "USER_REGISTERED",
                        "user",
                        user.id().toString(),
                        Map.of(
                                "email", user.email(),
                                "roles", user.roleNames(),
                                "via", selfRegistered ? "registration" : "admin-bootstrap")));
                events.publish(
                        EventTypes.USER_REGISTERED,
                        user.id(),
                        new UserRegisteredData(user.id(), user.email(), user.fullName()));
            });
        } catch (DuplicateKeyException e) {
            throw new EmailAlreadyRegisteredException();
        }
        return user;
    }

    /** Without leading and trailing white space, including no-break spaces, which {@link String#strip} keeps. */
    private static String stripBlanks(String value) {
        int begin = 0;
        int end = value.length();
        while (begin < end && isBlank(value.charAt(begin))) {
            begin++;
        }
        while (end > begin && isBlank(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(begin, end);
    }

    private static boolean isBlank(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** Free text must not carry control characters (C0, DEL, C1): they break logs, CSV exports and displays. */
    private static String requireText(String field, String value) {
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException(field, "Control characters are not allowed.");
        }
        return value;
    }

    /**
     * After a successful login with {@code password}: when the user's stored hash has a lower BCrypt cost than the
     * configured one, stores a new hash of the configured cost (hashed outside any transaction). Harmless when the
     * hash changed meanwhile.
     */
    public void upgradePasswordHashIfNeeded(User user, String password) {
        if (hasher.needsRehash(user.passwordHash())) {
            var newHash = hasher.hash(password);
            users.replacePasswordHash(user.id(), user.passwordHash(), newHash, clock.instant());
        }
    }

    /**
     * Checks a new password against the registration policy and hashes it; call outside any transaction (a hash takes
     * tens of milliseconds).
     *
     * @throws io.polyclinic.identity.password.WeakPasswordException (400) when the policy rejects it
     */
    public String hashNewPassword(String password) {
        policy.check(password);
        return hasher.hash(password);
    }

    /** In the caller's transaction: stores {@code newHash} if the user's hash is still the one read; whether it was. */
    public boolean replacePasswordHash(User user, String newHash) {
        return users.replacePasswordHash(user.id(), user.passwordHash(), newHash, clock.instant());
    }

    /**
     * The user with this id.
     *
     * @throws UserNotFoundException (404) when there is none
     */
    @Transactional(readOnly = true)
    public User get(UUID id) {
        return users.findById(id).orElseThrow(() -> new UserNotFoundException(id));
    }

    /** The user with this email, ignoring case and surrounding blanks. */
    @Transactional(readOnly = true)
    public Optional<User> findByEmail(String email) {
        return users.findByEmail(email.strip());
    }

    /** The user with this id, if any. */
    @Transactional(readOnly = true)
    public Optional<User> find(UUID id) {
        return users.findById(id);
    }

    /** One page of users, oldest first; {@code emailPart} filters by a case-insensitive substring when not blank. */
    @Transactional(readOnly = true)
    public PageResponse<User> list(String emailPart, PageQuery query) {
        var filter = emailPart == null || emailPart.isBlank() ? null : emailPart.strip();
        return PageResponse.of(users.page(filter, query), query, users.count(filter));
    }

    /**
     * Replaces a user's roles (and appends UserRolesChanged). When the roles differ, it also revokes the user's
     * access tokens issued so far (UserTokensRevoked): every service refuses them within seconds, and the next login
     * or refresh carries the new roles.
     *
     * @param adminId the administrator making the change (the audit entry's actor)
     * @param roleNames one to three of {@code PATIENT}, {@code CLINIC_MANAGER}, {@code ADMIN}
     * @throws InvalidRequestException (400) for an empty list or an unknown role name
     * @throws UserNotFoundException (404) when no user has this id
     * @throws LastAdminException (409) when the change would leave no administrator
     */
    @Transactional
    public User changeRoles(UUID adminId, UUID userId, Collection<String> roleNames) {
        var roles = parseRoles(roleNames);
        users.lockRoleChanges();
        var user = users.findById(userId).orElseThrow(() -> new UserNotFoundException(userId));
        if (user.roles().contains(Role.ADMIN)
                && !roles.contains(Role.ADMIN)
                && users.countAdminsOtherThan(userId) == 0) {
            throw new LastAdminException();
        }
        users.replaceRoles(userId, roles, clock.instant());
        var changed = new User(
                user.id(),
                user.email(),
                user.fullName(),
                user.passwordHash(),
                roles,
                user.createdAt(),
                user.clinicIds());
        audit.record(new AuditEntry(
                adminId,
                "ROLES_CHANGED",
                "user",
                userId.toString(),
                Map.of("before", user.roleNames(), "after", changed.roleNames())));
        events.publish(
                EventTypes.USER_ROLES_CHANGED,
                userId,
                new UserRolesChangedData(userId, roles.stream().map(Role::name).toList()));
        if (!user.roles().equals(roles)) {
            events.userTokensRevoked(userId, "ROLES_CHANGED");
        }
        return changed;
    }

    /**
     * Replaces the clinics a user runs (decision 0027) and records {@code CLINICS_CHANGED} with the before and after
     * lists. Identity cannot see booking's clinics, so the ids are stored unchecked: an id booking does not know
     * grants nothing. They reach the access token's {@code clinics} claim only while the user is a CLINIC_MANAGER.
     * A real change revokes the user's earlier access tokens ({@code UserTokensRevoked}); the next login or refresh
     * carries the new clinics.
     *
     * @param adminId the administrator making the change (the audit entry's actor)
     * @param clinicIds the complete new set (duplicates collapse; empty removes every assignment); its size is
     *     capped by the caller
     * @return the user with the new clinics
     * @throws UserNotFoundException (404) when no user has this id
     */
    @Transactional
    public User changeClinics(UUID adminId, UUID userId, Collection<UUID> clinicIds) {
        if (!users.lockUser(userId)) {
            throw new UserNotFoundException(userId);
        }
        var user = users.findById(userId).orElseThrow(() -> new UserNotFoundException(userId));
        var clinics = Set.copyOf(clinicIds);
        users.replaceClinics(userId, clinics, clock.instant());
        var changed = new User(
                user.id(), user.email(), user.fullName(), user.passwordHash(), user.roles(), user.createdAt(), clinics);
        audit.record(new AuditEntry(
                adminId,
                "CLINICS_CHANGED",
                "user",
                userId.toString(),
                Map.of("before", idStrings(user.sortedClinicIds()), "after", idStrings(changed.sortedClinicIds()))));
        // The user's access tokens issued before this change still carry the old clinics: services reject them within
        // seconds (decision 0026), and the next refresh carries the new clinic scope.
        if (!clinics.equals(Set.copyOf(user.sortedClinicIds()))) {
            events.userTokensRevoked(userId, "CLINICS_CHANGED");
        }
        return changed;
    }

    private static List<String> idStrings(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
    }

    private static EnumSet<Role> parseRoles(Collection<String> names) {
        if (names == null || names.isEmpty()) {
            throw new InvalidRequestException("roles", "At least one role is required.");
        }
        var roles = EnumSet.noneOf(Role.class);
        for (var name : names) {
            var role = name == null ? null : Role.byName(name).orElse(null);
            if (role == null) {
                throw new InvalidRequestException("roles", "Roles must be among PATIENT, CLINIC_MANAGER and ADMIN.");
            }
            roles.add(role);
        }
        return roles;
    }
}
