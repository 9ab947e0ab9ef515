package io.polyclinic.ingest.imports;

import io.polyclinic.ingest.dataset.LoadPolicy;
import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import io.polyclinic.platform.problem.InvalidRequestException;
import io.polyclinic.platform.security.AuthenticatedUser;
import io.polyclinic.platform.web.sse.EventStreams;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code /api/v1/imports}: preview a spreadsheet, start imports (multipart upload, or the key of a presigned upload),
 * follow them (JSON, or Server-Sent Events while they run), cancel them, download their row errors.
 */
@RestController
@Validated
@RequestMapping("/api/v1/imports")
class ImportController {

    private final ImportService imports;
    private final EventStreams streams;

    ImportController(ImportService imports, EventStreams streams) {
        this.imports = imports;
        this.streams = streams;
    }

    /** Multipart {@code file} + {@code dataset} (+ {@code sheet}): sheets, header, mapping, first rows. */
    @PostMapping(path = "/preview", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Preview preview(
            AuthenticatedUser user,
            @RequestPart("file") MultipartFile file,
            @RequestParam("dataset") @Size(max = 50) String dataset,
            @RequestParam(value = "sheet", required = false) @Size(max = 255) String sheet)
            throws IOException {
        var spooled = spool(file);
        try {
            return imports.preview(user, dataset, spooled, file.getOriginalFilename(), sheet);
        } finally {
            Files.deleteIfExists(spooled);
        }
    }

    /**
     * Multipart {@code file} + {@code dataset} (+ {@code policy} ALL_OR_NOTHING | SKIP_INVALID, default
     * ALL_OR_NOTHING; + {@code sheet}): 202 with the QUEUED job and its Location.
     */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ImportJob> startUpload(
            AuthenticatedUser user,
            @RequestPart("file") MultipartFile file,
            @RequestParam("dataset") @Size(max = 50) String dataset,
            @RequestParam(value = "policy", required = false) @Size(max = 20) String policy,
            @RequestParam(value = "sheet", required = false) @Size(max = 255) String sheet)
            throws IOException {
        var spooled = spool(file);
        try {
            return accepted(
                    imports.startUpload(user, dataset, policy(policy), sheet, spooled, file.getOriginalFilename()));
        } finally {
            Files.deleteIfExists(spooled);
        }
    }

    /** JSON {@code {"key", "dataset", "policy", "sheet"}} for an object uploaded by a presigned URL: 202. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ImportJob> startFromKey(AuthenticatedUser user, @Valid @RequestBody KeyImportRequest request) {
        return accepted(imports.startFromKey(
                user, request.dataset(), policy(request.policy()), request.sheet(), request.key()));
    }

    /** The caller's imports (an ADMIN's: all), newest first. */
    @GetMapping
    PageResponse<ImportJob> list(
            AuthenticatedUser user,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return imports.list(user, PageQuery.of(page, size));
    }

    @GetMapping("/{id}")
    ImportJob get(AuthenticatedUser user, @PathVariable UUID id) {
        return imports.get(user, id);
    }

    /** Server-Sent Events {@code progress} with the job (rows read, counts) until it has ended. */
    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(AuthenticatedUser user, @PathVariable UUID id) {
        imports.get(user, id);
        var stream = streams.open();
        Thread.ofVirtual().name("ingest-sse").start(() -> {
            try {
                imports.follow(user, id, job -> {
                    try {
                        stream.send(SseEmitter.event().name("progress").data(job, MediaType.APPLICATION_JSON));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                stream.complete();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stream.complete();
            } catch (RuntimeException clientGone) {
                stream.completeWithError(clientGone);
            }
        });
        return stream;
    }

    /** Cancels a QUEUED or RUNNING import: 200 with the job; 409 when it has ended. */
    @PostMapping("/{id}/cancel")
    ImportJob cancel(AuthenticatedUser user, @PathVariable UUID id) {
        return imports.cancel(user, id);
    }

    /** The row errors as CSV ({@code ?format=csv}, default) or .xlsx ({@code ?format=xlsx}). */
    @GetMapping("/{id}/errors")
    ResponseEntity<StreamingResponseBody> errors(
            AuthenticatedUser user,
            @PathVariable UUID id,
            @RequestParam(value = "format", defaultValue = "csv") @Size(max = 10) String format) {
        var reportFormat =
                switch (format.toLowerCase(Locale.ROOT)) {
                    case "csv" -> ImportService.ReportFormat.CSV;
                    case "xlsx" -> ImportService.ReportFormat.XLSX;
                    default -> throw new InvalidRequestException("format", "format is csv or xlsx.");
                };
        imports.get(user, id);
        var xlsx = reportFormat == ImportService.ReportFormat.XLSX;
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"import-" + id + "-errors." + (xlsx ? "xlsx" : "csv") + "\"")
                .contentType(
                        xlsx
                                ? MediaType.parseMediaType(
                                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                                : new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(out -> imports.writeErrors(user, id, reportFormat, out));
    }

    /** An import of an object in the bucket. */
    record KeyImportRequest(
            @NotBlank @Size(max = 1024) String key,
            @NotBlank @Size(max = 50) String dataset,
            @Size(max = 20) String policy,
            @Size(max = 255) String sheet) {}

    private static ResponseEntity<ImportJob> accepted(ImportJob job) {
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/imports/" + job.id()))
                .body(job);
    }

    private static LoadPolicy policy(String policy) {
        if (policy == null || policy.isBlank()) {
            return LoadPolicy.ALL_OR_NOTHING;
        }
        try {
            return LoadPolicy.valueOf(policy.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("policy", "policy is ALL_OR_NOTHING or SKIP_INVALID.");
        }
    }

    /** The upload as a file of its own: the container's spooled part moved (renamed) there, not copied. */
    private static Path spool(MultipartFile file) throws IOException {
        var path = Files.createTempFile("ingest-upload", ".tmp");
        file.transferTo(path.toFile());
        return path;
    }
}
