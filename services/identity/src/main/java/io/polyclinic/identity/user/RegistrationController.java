package io.polyclinic.identity.user;

import io.polyclinic.identity.ratelimit.RegistrationRateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/auth/register}: anyone creates a patient account (docs/product.md S1). */
@RestController
class RegistrationController {

    private final UserService users;
    private final RegistrationRateLimiter rateLimiter;

    RegistrationController(UserService users, RegistrationRateLimiter rateLimiter) {
        this.users = users;
        this.rateLimiter = rateLimiter;
    }

    /**
     * The registration body.
     *
     * @param email a valid address, at most 254 characters (RFC 5321 §4.5.3.1.3)
     * @param password 8..128 characters, not a common password
     * @param fullName 1..200 characters, stored without surrounding blanks; no control characters
     */
    record RegisterRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @NotNull String password,
            @NotBlank @Size(max = 200) String fullName) {

        @Override
        public String toString() {
            return "RegisterRequest[email=" + email + ", password=****]";
        }
    }

    /**
     * 201 with the new user and {@code Location: /api/v1/users/me}; 400 for invalid input or a weak password; 409
     * when the email is already registered (ignoring case); 429 with {@code Retry-After} past the per-IP limit
     * ({@code polyclinic.identity.registration-rate-limit.*}), counted for every well-formed request.
     */
    @PostMapping(
            path = "/api/v1/auth/register",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<UserResponse> register(@Valid @RequestBody RegisterRequest request, HttpServletRequest http) {
        rateLimiter.acquire(http.getRemoteAddr());
        var user = users.register(request.email(), request.password(), request.fullName());
        return ResponseEntity.created(URI.create("/api/v1/users/me")).body(UserResponse.of(user));
    }
}
