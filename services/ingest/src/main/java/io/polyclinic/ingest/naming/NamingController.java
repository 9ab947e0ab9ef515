package io.polyclinic.ingest.naming;

import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import io.polyclinic.platform.security.AuthenticatedUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/naming}: the naming table (header spelling -> canonical field per dataset), for ADMINs and
 * CLINIC_MANAGERs.
 */
@RestController
@Validated
@RequestMapping("/api/v1/naming")
class NamingController {

    private final NamingService naming;

    NamingController(NamingService naming) {
        this.naming = naming;
    }

    /** A page of spellings, optionally of one dataset ({@code ?dataset=doctors&page=0&size=20}). */
    @GetMapping
    PageResponse<Spelling> list(
            @RequestParam(required = false) @Size(max = 50) String dataset,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return naming.list(dataset, PageQuery.of(page, size));
    }

    /** Adds a spelling: 201 + Location; 400 for an unknown dataset or field; 409 when the spelling is known. */
    @PostMapping
    ResponseEntity<Spelling> add(AuthenticatedUser user, @Valid @RequestBody SpellingRequest request) {
        var spelling = naming.add(user, request.dataset(), request.spelling(), request.field());
        return ResponseEntity.created(URI.create("/api/v1/naming/" + spelling.id()))
                .body(spelling);
    }

    /** Points a spelling at another field; 404 when unknown. */
    @PutMapping("/{id}")
    Spelling change(AuthenticatedUser user, @PathVariable UUID id, @Valid @RequestBody FieldRequest request) {
        return naming.changeField(user, id, request.field());
    }

    /** Removes a spelling: 204; 404 when unknown. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(AuthenticatedUser user, @PathVariable UUID id) {
        naming.delete(user, id);
        return ResponseEntity.noContent().build();
    }

    /** A new spelling: {@code {"dataset": "doctors", "spelling": "ФИО врача", "field": "full_name"}}. */
    record SpellingRequest(
            @NotBlank @Size(max = 50) String dataset,
            @NotBlank @Size(max = 200) String spelling,
            @NotBlank @Size(max = 50) String field) {}

    /** A spelling's new field: {@code {"field": "full_name"}}. */
    record FieldRequest(@NotBlank @Size(max = 50) String field) {}
}
