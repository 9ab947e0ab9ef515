package io.polyclinic.identity.token;

import java.time.Duration;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Publishes the public token-verification keys (RFC 7517 JWK set) at {@code GET /.well-known/jwks.json}: public,
 * cacheable for five minutes (a verifier that meets an unknown {@code kid} fetches the set again).
 */
@RestController
class JwksController {

    private final SigningKeys keys;

    JwksController(SigningKeys keys) {
        this.keys = keys;
    }

    /** {@code {"keys":[{"kty":"RSA","kid":..,"use":"sig","n":..,"e":..}]}}; never a private member. */
    @GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(keys.publicJwkSet().toJSONObject(true));
    }
}
