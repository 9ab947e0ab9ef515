package io.polyclinic.web.view;

import io.polyclinic.web.session.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * What the layout of every page needs: the user (or null), the language, and this page's address for the switch.
 * Exception handlers get no {@code @ModelAttribute}s, so the error pages call {@link #addTo} themselves.
 */
@ControllerAdvice
public class LayoutModel {

    /** Adds the layout's attributes to {@code model} (for pages rendered outside a controller method). */
    public static void addTo(org.springframework.ui.Model model, HttpServletRequest request) {
        var layout = new LayoutModel();
        model.addAttribute("currentUser", layout.currentUser(request));
        model.addAttribute("lang", layout.lang());
        model.addAttribute("langUrl", layout.langUrl(request));
    }

    @ModelAttribute("currentUser")
    CurrentUser currentUser(HttpServletRequest request) {
        return request.getAttribute(CurrentUser.ATTRIBUTE) instanceof CurrentUser user ? user : null;
    }

    @ModelAttribute("lang")
    String lang() {
        return LocaleContextHolder.getLocale().getLanguage();
    }

    /** This page's URL with {@code lang} replaced, for the language switch: {@code ${langUrl.replace('@', 'ru')}}. */
    @ModelAttribute("langUrl")
    String langUrl(HttpServletRequest request) {
        return ServletUriComponentsBuilder.fromRequest(request)
                .replaceQueryParam("lang", "@")
                .build()
                .toUriString()
                .replaceFirst("^[a-z]+://[^/]+", "");
    }
}
