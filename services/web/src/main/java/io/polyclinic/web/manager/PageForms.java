package io.polyclinic.web.manager;

import io.polyclinic.web.api.ApiClient;
import io.polyclinic.web.api.ApiException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.ui.Model;

/**
 * What every admin form does with its input and with the API's answer: text is stripped and bounded before it is
 * sent, and a problem the person can fix (400, 409, 422) is shown on the re-displayed form, next to the field it
 * names ({@code errors}) or above the form ({@code problem}); any other problem goes on to the error pages.
 */
public final class PageForms {

    /** The statuses a person fixes by changing the form. */
    private static final Set<Integer> FIXABLE = Set.of(400, 409, 413, 422);

    private PageForms() {}

    /** {@code value} stripped, cut to {@code max} characters; null when blank. */
    public static String text(String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        var stripped = value.strip();
        return stripped.length() > max ? stripped.substring(0, max) : stripped;
    }

    /** {@code value} for a query string (stripped, bounded, encoded), empty when blank. */
    public static String query(String value, int max) {
        var text = text(value, max);
        return text == null ? "" : ApiClient.query(text);
    }

    /**
     * Puts a fixable problem on the model: {@code errors} (message by field) and {@code problem} (the detail).
     *
     * @throws ApiException the same exception when the problem is not the form's (401, 403, 404, 5xx)
     */
    public static void show(ApiException e, Model model) {
        if (!FIXABLE.contains(e.status())) {
            throw e;
        }
        var errors = new LinkedHashMap<String, String>(e.fieldErrors());
        model.addAttribute("errors", errors);
        model.addAttribute("problem", e.detail());
    }

    /** An empty error map for a form shown the first time. */
    public static Map<String, String> noErrors() {
        return Map.of();
    }

    /** A whole number from a form field, or null when blank; a field error when it is not one. */
    public static Integer integer(String value, String field, Map<String, String> errors, String message) {
        var text = text(value, 12);
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            errors.put(field, message);
            return null;
        }
    }

    /** A local date {@code yyyy-MM-dd} from a form or query, or null when blank or not one. */
    public static LocalDate date(String value) {
        if (value == null || value.isBlank() || value.length() > 10) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
