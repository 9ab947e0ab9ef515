package io.polyclinic.ingest.storage;

import io.polyclinic.platform.security.AuthenticatedUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/uploads}: a presigned S3 PUT URL for a large file, which the browser sends straight to the
 * object store; the import then names the returned key ({@code POST /api/v1/imports} with {@code key}).
 */
@RestController
@RequestMapping("/api/v1/uploads")
class UploadController {

    private final UploadService uploads;

    UploadController(UploadService uploads) {
        this.uploads = uploads;
    }

    /** 201 with {@code {"key", "url", "method": "PUT", "expiresAt"}}. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    UploadService.PresignedUpload create(AuthenticatedUser user, @Valid @RequestBody UploadRequest request) {
        return uploads.presign(user, request.fileName());
    }

    /** {@code {"fileName": "visits.xlsx"}}. */
    record UploadRequest(@NotBlank @Size(max = 255) String fileName) {}
}
