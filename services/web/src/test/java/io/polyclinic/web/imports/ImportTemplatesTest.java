package io.polyclinic.web.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.web.imports.ImportViews.CellProblem;
import io.polyclinic.web.imports.ImportViews.Column;
import io.polyclinic.web.imports.ImportViews.Dataset;
import io.polyclinic.web.imports.ImportViews.Field;
import io.polyclinic.web.imports.ImportViews.Job;
import io.polyclinic.web.imports.ImportViews.Mapping;
import io.polyclinic.web.imports.ImportViews.Preview;
import io.polyclinic.web.imports.ImportViews.Row;
import io.polyclinic.web.imports.ImportViews.Sheet;
import io.polyclinic.web.view.TemplateRenderer;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The import wizard's templates rendered by Thymeleaf as the web service renders them (the layout, the message
 * bundles, {@code @fmt}): a preview of a file whose headers and cells hold markup comes out escaped, shows the unknown
 * header with its suggestion and a labelled fix, the missing required field and the cell problems, in both languages;
 * a job's page polls while it runs and offers the error report once it has ended.
 */
class ImportTemplatesTest {

    private static final String MARKUP = "<script>alert('x')</script>";
    private static final Locale RU = Locale.forLanguageTag("ru");

    private final TemplateRenderer pages =
            new TemplateRenderer("/manage/imports", "ADMIN", List.of("messages_admin", "messages_imports"), Map.of());

    private String render(String template, Locale locale, Map<String, Object> model) {
        return pages.render(template, locale, model);
    }

    private static final List<Field> FIELDS = List.of(
            new Field("month", "MONTH", true, "The month."),
            new Field("visits", "INTEGER", true, "Visits."),
            new Field("revenue", "DECIMAL", true, "Revenue."));

    private static Map<String, Object> wizardModel() {
        var unknown = "Число приёмов " + MARKUP;
        var preview = new Preview(
                "clinic_visits",
                "XLSX",
                List.of(new Sheet(0, "Лист1", false), new Sheet(1, MARKUP, true)),
                "Лист1",
                3,
                new Mapping(
                        "clinic_visits",
                        List.of(
                                new Column(0, "Период", "month", null, null, null),
                                new Column(1, unknown, null, "visits", "Приёмы", null),
                                new Column(2, "Выручка", "revenue", null, null, null)),
                        List.of(unknown),
                        List.of("visits")),
                List.of(new Row(
                        4,
                        Map.of("Период", "янв 2025", unknown, "много", "Выручка", MARKUP),
                        Map.of("month", "2025-01-01"),
                        List.of(new CellProblem("Выручка", "revenue", MARKUP, "not a number " + MARKUP)))));
        var form = new HashMap<String, String>();
        form.put("dataset", "clinic_visits");
        form.put("policy", "ALL_OR_NOTHING");
        var model = new LinkedHashMap<String, Object>();
        model.put("datasets", List.of(new Dataset("clinic_visits", "Visits.", FIELDS, List.of("month"))));
        model.put("fields", FIELDS);
        model.put("form", form);
        model.put("preview", preview);
        model.put("policies", ImportWizardController.POLICIES);
        model.put("maxMegabytes", 100L);
        model.put("jobs", List.of(new ImportJobList.Listed(job("SUCCEEDED", 3), null)));
        return model;
    }

    private static Job job(String status, long rejected) {
        var now = Instant.parse("2026-12-07T06:00:00Z");
        return new Job(
                UUID.randomUUID(),
                "clinic_visits",
                "SKIP_INVALID",
                status,
                "visits " + MARKUP + ".xlsx",
                1000,
                null,
                UUID.randomUUID(),
                6,
                6L,
                5,
                0,
                0,
                rejected,
                null,
                now,
                now,
                status.equals("RUNNING") ? null : now.plusSeconds(2),
                2000L);
    }

    @Test
    void thePreviewShowsTheUnknownHeaderItsFixTheMissingFieldAndTheProblemsEscapedInBothLanguages() {
        for (var locale : List.of(Locale.ENGLISH, RU)) {
            var html = render("imports/wizard", locale, wizardModel());
            assertThat(html).doesNotContain(MARKUP).contains("&lt;script&gt;");
            assertThat(html)
                    .contains("id=\"missing-fields\"")
                    .contains("id=\"field-1\"")
                    .contains("name=\"fix\"");
            assertThat(html).contains("<label for=\"field-1\"").contains("name=\"header.1\"");
            assertThat(html).as("the suggestion is preselected").containsPattern("value=\"visits\"\\s+selected");
            assertThat(html).contains("id=\"cell-problems\"").contains("cell-problem");
            assertThat(html).contains("id=\"policy-SKIP_INVALID\"").contains("id=\"recent-imports\"");
        }
        assertThat(render("imports/wizard", Locale.ENGLISH, wizardModel()))
                .contains("Unknown header")
                .contains("no column for the required field(s) Visits");
        assertThat(render("imports/wizard", RU, wizardModel()))
                .contains("Незнакомый заголовок")
                .contains("Посещения");
    }

    @Test
    void theWizardWithoutAPreviewAndItsPreviewPartRender() {
        var model = wizardModel();
        model.remove("preview");
        model.put("errors", Map.of("file", "Choose a file."));
        var html = render("imports/wizard", Locale.ENGLISH, model);
        assertThat(html)
                .contains("id=\"import-problem\"")
                .contains("Choose a file.")
                .doesNotContain("id=\"mapping\"");
        var part = render("imports/wizard :: preview", RU, wizardModel());
        assertThat(part)
                .startsWith("<div id=\"preview\"")
                .contains("id=\"mapping\"")
                .doesNotContain("<html");
    }

    @Test
    void aRunningJobPollsAndAnEndedOneOffersItsRowErrors() {
        for (var locale : List.of(Locale.ENGLISH, RU)) {
            var running = render("imports/job", locale, Map.of("job", job("RUNNING", 0), "cancelled", false));
            assertThat(running).contains("hx-trigger=\"every 1s\"").contains("id=\"cancel-import\"");
            assertThat(running).doesNotContain(MARKUP).doesNotContain("id=\"error-report\"");
            var done = render("imports/job", locale, Map.of("job", job("SUCCEEDED", 1), "cancelled", false));
            assertThat(done)
                    .doesNotContain("hx-trigger")
                    .contains("id=\"errors-csv\"")
                    .contains("format=xlsx");
        }
    }
}
