package io.polyclinic.analytics.site;

import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import io.polyclinic.platform.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/analytics/sites}: the sites clinic managers (their clinics') and admins track (S7). */
@RestController
@RequestMapping("/api/v1/analytics/sites")
@Tag(name = "Analytics sites")
public class SiteController {

    private final SiteService sites;
    private final String collectorUrl;

    public SiteController(SiteService sites, SiteSettings settings) {
        this.sites = sites;
        this.collectorUrl = settings.collectorUrl();
    }

    @Operation(summary = "Add a site: answers its tracking id and the snippet to paste (201)")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    SiteResponse create(AuthenticatedUser user, @Valid @RequestBody SiteRequest request) {
        return SiteResponse.of(sites.create(user, request), collectorUrl);
    }

    @Operation(summary = "The sites of the caller's clinics (all for an admin), by name, paged")
    @GetMapping
    PageResponse<SiteResponse> list(
            AuthenticatedUser user,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return sites.list(user, PageQuery.of(page, size)).map(site -> SiteResponse.of(site, collectorUrl));
    }

    @Operation(summary = "One site (404 when unknown or not the caller's)")
    @GetMapping("/{id}")
    SiteResponse get(AuthenticatedUser user, @PathVariable UUID id) {
        return SiteResponse.of(sites.get(user, id), collectorUrl);
    }

    @Operation(summary = "Change a site's name, domains and time zone (its tracking id stays)")
    @PutMapping("/{id}")
    SiteResponse update(AuthenticatedUser user, @PathVariable UUID id, @Valid @RequestBody SiteRequest request) {
        return SiteResponse.of(sites.update(user, id, request), collectorUrl);
    }

    @Operation(summary = "Delete a site: the collector refuses its events from then on; its reports stay (204)")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(AuthenticatedUser user, @PathVariable UUID id) {
        sites.delete(user, id);
    }
}
