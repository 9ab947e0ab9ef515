package io.polyclinic.identity.user;

import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import io.polyclinic.platform.security.AuthenticatedUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Account administration for {@code ADMIN}s: list and read users, grant and revoke roles, assign the clinics a
 * CLINIC_MANAGER runs (decision 0027).
 */
@RestController
@PreAuthorize("hasRole('ADMIN')")
class AdminUserController {

    private final UserService users;

    AdminUserController(UserService users) {
        this.users = users;
    }

    /** @param roles one to three role names: {@code PATIENT}, {@code CLINIC_MANAGER}, {@code ADMIN} */
    record RolesRequest(@NotNull @Size(min = 1, max = 3) List<String> roles) {}

    /**
     * @param clinicIds the complete new list of booking clinic ids, at most {@value #MAX_CLINICS} (every id travels in
     *     each of the user's access tokens); empty removes every assignment
     */
    record ClinicsRequest(@NotNull @Size(max = MAX_CLINICS) List<@NotNull UUID> clinicIds) {}

    /** The most clinics one user may run: bounds the size of the access token's {@code clinics} claim. */
    static final int MAX_CLINICS = 50;

    /**
     * {@code GET /api/v1/admin/users?page=0&size=20&email=part}: users oldest first, paged (size at most 100), filtered
     * by a case-insensitive email substring (at most 254 characters). 403 for non-admins.
     */
    @GetMapping(path = "/api/v1/admin/users", produces = MediaType.APPLICATION_JSON_VALUE)
    PageResponse<UserResponse> list(
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            @RequestParam(required = false) @Size(max = 254) String email) {
        return users.list(email, PageQuery.of(page, size)).map(UserResponse::of);
    }

    /** {@code GET /api/v1/admin/users/{id}}: one user with roles and clinics; 404 for an unknown user. */
    @GetMapping(path = "/api/v1/admin/users/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    UserResponse get(@PathVariable UUID id) {
        return UserResponse.of(users.get(id));
    }

    /**
     * {@code PUT /api/v1/admin/users/{id}/roles}: replaces the user's roles; 200 with the user. 400 for unknown role
     * names, 404 for an unknown user, 409 when it would remove the last administrator. The user's tokens issued before
     * the change stop working within seconds; the next refresh carries the new roles.
     */
    @PutMapping(
            path = "/api/v1/admin/users/{id}/roles",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    UserResponse changeRoles(AuthenticatedUser admin, @PathVariable UUID id, @Valid @RequestBody RolesRequest request) {
        return UserResponse.of(users.changeRoles(admin.id(), id, request.roles()));
    }

    /**
     * {@code PUT /api/v1/admin/users/{id}/clinics} with {@code {"clinicIds":["<uuid>", ...]}}: replaces the clinics the
     * user runs; 200 with the user. 400 for a missing list, a null or malformed id or more than
     * {@value #MAX_CLINICS} ids, 404 for an unknown user. The ids are booking's clinic ids and are not checked to exist
     * (an unknown id grants nothing); they reach the user's access tokens while the user is a CLINIC_MANAGER.
     */
    @PutMapping(
            path = "/api/v1/admin/users/{id}/clinics",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    UserResponse changeClinics(
            AuthenticatedUser admin, @PathVariable UUID id, @Valid @RequestBody ClinicsRequest request) {
        return UserResponse.of(users.changeClinics(admin.id(), id, request.clinicIds()));
    }
}
