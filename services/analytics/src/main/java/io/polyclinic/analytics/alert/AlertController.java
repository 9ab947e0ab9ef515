package io.polyclinic.analytics.alert;

import io.polyclinic.platform.paging.PageQuery;
import io.polyclinic.platform.paging.PageResponse;
import io.polyclinic.platform.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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

/**
 * {@code /api/v1/analytics/sites/{siteId}/alerts}: a site's alert rules and their firing history, for the site's
 * clinic managers and admins (a site or rule outside the caller's reach answers 404).
 */
@RestController
@RequestMapping("/api/v1/analytics/sites/{siteId}/alerts")
@Tag(name = "Analytics alerts")
public class AlertController {

    private final AlertService alerts;

    public AlertController(AlertService alerts) {
        this.alerts = alerts;
    }

    @Operation(summary = "Add a rule (201 + Location); 422 when the site has 20 already")
    @PostMapping
    ResponseEntity<AlertRule> create(
            AuthenticatedUser user, @PathVariable UUID siteId, @Valid @RequestBody AlertRuleRequest request) {
        var rule = alerts.create(user, siteId, request);
        return ResponseEntity.created(URI.create("/api/v1/analytics/sites/" + siteId + "/alerts/" + rule.id()))
                .body(rule);
    }

    @Operation(summary = "The site's rules, oldest first")
    @GetMapping
    List<AlertRule> list(AuthenticatedUser user, @PathVariable UUID siteId) {
        return alerts.list(user, siteId);
    }

    @Operation(summary = "One rule")
    @GetMapping("/{alertId}")
    AlertRule get(AuthenticatedUser user, @PathVariable UUID siteId, @PathVariable UUID alertId) {
        return alerts.get(user, siteId, alertId);
    }

    @Operation(summary = "Replace a rule's settings (its history and cooldown stay)")
    @PutMapping("/{alertId}")
    AlertRule update(
            AuthenticatedUser user,
            @PathVariable UUID siteId,
            @PathVariable UUID alertId,
            @Valid @RequestBody AlertRuleRequest request) {
        return alerts.update(user, siteId, alertId, request);
    }

    @Operation(summary = "Delete a rule and its history (204)")
    @DeleteMapping("/{alertId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(AuthenticatedUser user, @PathVariable UUID siteId, @PathVariable UUID alertId) {
        alerts.delete(user, siteId, alertId);
    }

    @Operation(summary = "The rule's firings, newest first, paged")
    @GetMapping("/{alertId}/firings")
    PageResponse<AlertFiring> firings(
            AuthenticatedUser user,
            @PathVariable UUID siteId,
            @PathVariable UUID alertId,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return alerts.firings(user, siteId, alertId, PageQuery.of(page, size));
    }
}
