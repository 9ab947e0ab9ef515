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

/** Account administration for {@code ADMIN}s: list users, grant and revoke roles (SPEC S1). */
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
}
