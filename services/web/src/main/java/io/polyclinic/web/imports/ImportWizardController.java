package io.polyclinic.web.imports;

import io.polyclinic.web.api.ApiClient;
import io.polyclinic.web.api.ApiException;
import io.polyclinic.web.imports.ImportViews.DatasetList;
import io.polyclinic.web.imports.ImportViews.Job;
import io.polyclinic.web.imports.ImportViews.Preview;
import io.polyclinic.web.imports.ImportViews.Spelling;
import io.polyclinic.web.manager.PageForms;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;

/**
 * The import wizard ({@code /manage/imports}, ADMINs and CLINIC_MANAGERs): choose a dataset and a file, preview it
 * (sheets, header row, mapping, first rows, cell problems), teach the naming table an unknown header, start the import
 * with a policy. The page is one form whose file input stays in the browser: every step sends the file again to the
 * ingest API through the gateway, so the web UI keeps nothing between requests. With htmx only the preview part of the
 * page is replaced; without scripts every step is a whole page (and the file is chosen again after a step).
 */
@Controller
class ImportWizardController {

    /** The load policies, all-or-nothing first (the default). */
    static final List<String> POLICIES = List.of("ALL_OR_NOTHING", "SKIP_INVALID");

    private final ApiClient api;
    private final MessageSource messages;
    private final ImportPageProperties properties;
    private final ImportJobList jobs;

    ImportWizardController(ApiClient api, MessageSource messages, ImportPageProperties properties, ImportJobList jobs) {
        this.api = api;
        this.messages = messages;
        this.properties = properties;
        this.jobs = jobs;
    }

    @GetMapping("/manage/imports")
    String wizard(@RequestParam(required = false) String dataset, Model model) {
        var form = new LinkedHashMap<String, String>();
        form.put("dataset", PageForms.text(dataset, 50));
        form.put("policy", POLICIES.getFirst());
        model.addAttribute("form", form);
        return page(null, model);
    }

    /**
     * One step of the wizard, posted as multipart with the file: {@code file}, {@code dataset}, {@code sheet} and the
     * button pressed. {@code fix=<column>} adds the column's header ({@code header.<column>}) to the naming table as
     * field {@code field.<column>} and previews again; {@code step=start} starts the import with {@code policy} and
     * goes to its page (htmx: by {@code HX-Redirect}); anything else previews. Answers the preview part (htmx) or the
     * whole page.
     */
    @PostMapping("/manage/imports/wizard")
    String step(
            @RequestPart(name = "file", required = false) MultipartFile file,
            @RequestParam Map<String, String> form,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            HttpServletResponse response,
            Model model) {
        var datasets = datasets(model);
        var input = input(form, datasets);
        model.addAttribute("form", input);
        if (form.get("fix") != null) {
            addSpelling(file, form, input, datasets, model);
        } else if ("start".equals(form.get("step"))) {
            var target = start(file, input, model);
            if (target != null && htmx != null) {
                response.setHeader("HX-Redirect", target);
            } else if (target != null) {
                return "redirect:" + target;
            }
        } else if (checkFile(file, input, model)) {
            previewInto(file, input, model);
        }
        return page(htmx, model);
    }

    private void addSpelling(
            MultipartFile file,
            Map<String, String> form,
            Map<String, String> input,
            DatasetList datasets,
            Model model) {
        var column = PageForms.text(form.get("fix"), 4);
        var header = PageForms.text(form.get("header." + column), 200);
        var field = PageForms.text(form.get("field." + column), 50);
        var fields = datasets.items().stream()
                .filter(d -> d.name().equals(input.get("dataset")))
                .flatMap(d -> d.fields().stream())
                .map(ImportViews.Field::name)
                .toList();
        if (header == null || field == null || !fields.contains(field)) {
            model.addAttribute("problem", message("imports.naming.choose"));
            return;
        }
        var body = Map.of("dataset", input.get("dataset"), "spelling", header, "field", field);
        String notice;
        try {
            api.post("/api/v1/naming", body, Spelling.class);
            notice = message("imports.naming.added", header, fieldLabel(field));
        } catch (ApiException e) {
            if (e.status() != 409) {
                PageForms.show(e, model);
                return;
            }
            notice = message("imports.naming.known", header);
        }
        if (file == null || file.isEmpty()) {
            notice += " " + message("imports.file.again");
        } else if (checkFile(file, input, model)) {
            previewInto(file, input, model);
        }
        model.addAttribute("notice", notice);
    }

    /** Starts the import; its page's path, or null with the problem on the model. */
    private @Nullable String start(MultipartFile file, Map<String, String> input, Model model) {
        if (!checkFile(file, input, model)) {
            return null;
        }
        var parts = parts(file, input);
        parts.add("policy", input.get("policy"));
        try {
            return "/manage/imports/"
                    + api.postMultipart("/api/v1/imports", parts, Job.class).id();
        } catch (ApiException e) {
            PageForms.show(e, model);
            return null;
        }
    }

    private void previewInto(MultipartFile file, Map<String, String> input, Model model) {
        try {
            model.addAttribute(
                    "preview", api.postMultipart("/api/v1/imports/preview", parts(file, input), Preview.class));
        } catch (ApiException e) {
            if (input.get("sheet") != null && e.status() < 500 && e.status() != 401 && e.status() != 403) {
                // a sheet chosen for an earlier file: the new file's first sheet instead
                input.put("sheet", null);
                previewInto(file, input, model);
                return;
            }
            PageForms.show(e, model);
        }
    }

    private boolean checkFile(@Nullable MultipartFile file, Map<String, String> input, Model model) {
        var errors = new LinkedHashMap<String, String>();
        if (input.get("dataset") == null) {
            errors.put("dataset", message("imports.dataset.choose"));
        }
        if (file == null || file.isEmpty()) {
            errors.put("file", message("imports.file.choose"));
        } else if (file.getSize() > properties.maxFileSize().toBytes()) {
            errors.put(
                    "file",
                    message("imports.file.tooLarge", properties.maxFileSize().toMegabytes()));
        } else if (file.getOriginalFilename() == null
                || file.getOriginalFilename().length() > 255) {
            errors.put("file", message("imports.file.name"));
        }
        if (!errors.isEmpty()) {
            model.addAttribute("errors", errors);
        }
        return errors.isEmpty();
    }

    /** The form's values, bounded: a dataset the API declares, a sheet name, a known policy. */
    private static Map<String, String> input(Map<String, String> form, DatasetList datasets) {
        var input = new LinkedHashMap<String, String>();
        var dataset = PageForms.text(form.get("dataset"), 50);
        input.put("dataset", datasets.items().stream().anyMatch(d -> d.name().equals(dataset)) ? dataset : null);
        input.put("sheet", PageForms.text(form.get("sheet"), 255));
        var policy = PageForms.text(form.get("policy"), 20);
        input.put("policy", policy != null && POLICIES.contains(policy) ? policy : POLICIES.getFirst());
        return input;
    }

    private static MultiValueMap<String, Object> parts(MultipartFile file, Map<String, String> input) {
        var parts = new LinkedMultiValueMap<String, Object>();
        parts.add("file", file.getResource());
        parts.add("dataset", input.get("dataset"));
        if (input.get("sheet") != null) {
            parts.add("sheet", input.get("sheet"));
        }
        return parts;
    }

    private DatasetList datasets(Model model) {
        var datasets = api.get("/api/v1/datasets", DatasetList.class);
        model.addAttribute("datasets", datasets.items());
        model.addAttribute("maxMegabytes", properties.maxFileSize().toMegabytes());
        model.addAttribute("policies", POLICIES);
        return datasets;
    }

    /** The preview part for htmx, else the whole wizard with the recent imports. */
    private String page(@Nullable String htmx, Model model) {
        if (model.getAttribute("preview") instanceof Preview preview
                && model.getAttribute("datasets") instanceof List<?> datasets) {
            datasets.stream()
                    .map(ImportViews.Dataset.class::cast)
                    .filter(d -> d.name().equals(preview.dataset()))
                    .findFirst()
                    .ifPresent(d -> model.addAttribute("fields", d.fields()));
        }
        if (htmx != null) {
            return "imports/wizard :: preview";
        }
        if (!model.containsAttribute("datasets")) {
            datasets(model);
        }
        model.addAttribute("jobs", jobs.recent(properties.recent()));
        return "imports/wizard";
    }

    private String fieldLabel(String field) {
        return messages.getMessage("imports.field." + field, null, field, LocaleContextHolder.getLocale());
    }

    private String message(String code, Object... args) {
        return messages.getMessage(code, args, LocaleContextHolder.getLocale());
    }
}
