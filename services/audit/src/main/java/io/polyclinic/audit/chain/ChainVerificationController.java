package io.polyclinic.audit.chain;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/audit/verify} (ADMIN): checks that no audit record was altered or removed. */
@RestController
@RequestMapping("/api/v1/audit")
public class ChainVerificationController {

    private final ChainVerificationService verification;

    public ChainVerificationController(ChainVerificationService verification) {
        this.verification = verification;
    }

    /**
     * Walks the hash chain over every record.
     *
     * @return 200 {@code {"valid","checkedRecords","firstBrokenSeq","headSeq"}}; {@code firstBrokenSeq} is null when
     *     valid
     */
    @GetMapping("/verify")
    public ChainVerification verify() {
        return verification.verify();
    }
}
