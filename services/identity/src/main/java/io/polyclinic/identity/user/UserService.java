package io.polyclinic.identity.user;

import io.polyclinic.identity.password.PasswordHasher;
import io.polyclinic.identity.password.PasswordPolicy;
import io.polyclinic.platform.id.Ids;
import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import io.polyclinic.platform.problem.InvalidRequestException;
import java.time.Clock;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Accounts: registration, the caller's profile, and role administration (SPEC S1). */
@Service
public class UserService {

    private final UserRepository users;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final TransactionTemplate transactions;

    public UserService(
            UserRepository users,
            PasswordPolicy policy,
            PasswordHasher hasher,
            Clock clock,
            TransactionTemplate transactions) {
        this.users = users;
        this.transactions = transactions;
        this.policy = policy;
        this.hasher = hasher;
        this.clock = clock;
    }

    /**
     * Registers a patient.
     *
     * @param email a valid email (already checked for shape and length); stored trimmed, case preserved
     * @throws io.polyclinic.identity.password.WeakPasswordException (400) when the password breaks the policy
     * @throws EmailAlreadyRegisteredException (409) when the email is taken, ignoring case
     */
    @Transactional
    public User register(String email, String password, String fullName) {
        return create(email, password, fullName, EnumSet.of(Role.PATIENT));
    }

    /**
     * Creates an account with the given roles, unless the email is already registered.
     *
     * @return whether an account was created
     * @throws io.polyclinic.identity.password.WeakPasswordException when the password breaks the policy
     */
    public boolean createIfMissing(String email, String password, String fullName, Set<Role> roles) {
        if (users.findByEmail(email.strip()).isPresent()) {
            return false;
        }
        try {
            transactions.executeWithoutResult(status -> create(email, password, fullName, roles));
            return true;
        } catch (EmailAlreadyRegisteredException e) {
            // Another instance created it between the lookup and the insert.
            return false;
        }
    }

    private User create(String email, String password, String fullName, Set<Role> roles) {
        policy.check(password);
        var user =
                new User(Ids.newId(), email.strip(), fullName.strip(), hasher.hash(password), roles, clock.instant());
        try {
            users.insert(user);
        } catch (DuplicateKeyException e) {
            throw new EmailAlreadyRegisteredException();
        }
        return user;
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
     * Replaces a user's roles. Tokens already issued keep their roles until they expire; the next login or refresh
     * carries the new ones.
     *
     * @param roleNames one to three of {@code PATIENT}, {@code CLINIC_MANAGER}, {@code ADMIN}
     * @throws InvalidRequestException (400) for an empty list or an unknown role name
     * @throws UserNotFoundException (404) when no user has this id
     * @throws LastAdminException (409) when the change would leave no administrator
     */
    @Transactional
    public User changeRoles(UUID userId, Collection<String> roleNames) {
        var roles = parseRoles(roleNames);
        users.lockRoleChanges();
        var user = users.findById(userId).orElseThrow(() -> new UserNotFoundException(userId));
        if (user.roles().contains(Role.ADMIN)
                && !roles.contains(Role.ADMIN)
                && users.countAdminsOtherThan(userId) == 0) {
            throw new LastAdminException();
        }
        users.replaceRoles(userId, roles, clock.instant());
        return new User(user.id(), user.email(), user.fullName(), user.passwordHash(), roles, user.createdAt());
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
