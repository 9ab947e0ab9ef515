package io.polyclinic.audit.chain;

import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Chain verification for admins (role ADMIN, like the whole {@code /api/v1/audit/**}): a background job that checks
 * that no audit record was altered, removed or linked without the key (decision 0030).
 */
@RestController
@RequestMapping("/api/v1/audit/verifications")
public class ChainVerificationController {

    private final ChainVerificationService verification;

    public ChainVerificationController(ChainVerificationService verification) {
        this.verification = verification;
    }

    /**
     * Starts a verification of the whole chain, or returns the one already running.
     *
     * @return 202 with {@code Location: /api/v1/audit/verifications/{id}} and the job ({@link VerificationView})
     */
    @PostMapping
    public ResponseEntity<VerificationView> start() {
        var job = verification.start();
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/audit/verifications/" + job.id()))
                .body(job);
    }

    /**
     * A verification's progress or outcome.
     *
     * @param id the job id from the {@code Location} of the start
     * @return 200 {@link VerificationView}; 404 {@code not-found} for an unknown or forgotten job, 400 for an id
     *     that is not a UUID
     */
    @GetMapping("/{id}")
    public VerificationView find(@PathVariable UUID id) {
        return verification.find(id);
    }
}
