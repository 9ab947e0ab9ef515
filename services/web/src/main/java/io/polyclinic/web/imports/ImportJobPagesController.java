package io.polyclinic.web.imports;

import io.polyclinic.web.api.ApiClient;
import io.polyclinic.web.api.ApiException;
import io.polyclinic.web.imports.ImportViews.Job;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * An import's page ({@code /manage/imports/{id}}): its status, rows read of the total and counts, refreshed every
 * second by htmx while it runs; cancel while it runs; once it has ended, its row errors as CSV or .xlsx, passed on
 * from the ingest API as they arrive.
 */
@Controller
class ImportJobPagesController {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final ApiClient api;

    ImportJobPagesController(ApiClient api) {
        this.api = api;
    }

    @GetMapping("/manage/imports/{id}")
    String job(@PathVariable UUID id, @RequestParam(required = false) String cancelled, Model model) {
        model.addAttribute("job", api.get("/api/v1/imports/" + id, Job.class));
        model.addAttribute("cancelled", cancelled != null);
        return "imports/job";
    }

    /** The status part alone, which htmx swaps in every second while the job runs. */
    @GetMapping("/manage/imports/{id}/progress")
    String progress(@PathVariable UUID id, Model model) {
        model.addAttribute("job", api.get("/api/v1/imports/" + id, Job.class));
        return "imports/job :: progress";
    }

    /** Cancels a queued or running import; one that ended meanwhile is shown as it ended. */
    @PostMapping("/manage/imports/{id}/cancel")
    String cancel(@PathVariable UUID id) {
        try {
            api.post("/api/v1/imports/" + id + "/cancel", null, Job.class);
        } catch (ApiException e) {
            if (e.status() != 409) {
                throw e;
            }
        }
        return "redirect:/manage/imports/" + id + "?cancelled=true";
    }

    /** The row errors ({@code format=csv} or {@code xlsx}) as a download named after the import. */
    @GetMapping("/manage/imports/{id}/errors")
    void errors(
            @PathVariable UUID id, @RequestParam(defaultValue = "csv") String format, HttpServletResponse response) {
        var xlsx = "xlsx".equals(format);
        api.download("/api/v1/imports/" + id + "/errors?format=" + (xlsx ? "xlsx" : "csv"), (headers, body) -> {
            response.setContentType(xlsx ? XLSX : "text/csv;charset=UTF-8");
            response.setHeader(
                    HttpHeaders.CONTENT_DISPOSITION,
                    "attachment; filename=\"import-" + id + "-errors." + (xlsx ? "xlsx" : "csv") + "\"");
            response.setHeader("X-Content-Type-Options", "nosniff");
            try {
                body.transferTo(response.getOutputStream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
