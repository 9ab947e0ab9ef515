package io.polyclinic.web.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Our own error pages (404, 403, 500, 503...), in the page's language, with the request id to quote and no technical
 * detail. Reached by forward: from Spring Security (403, with {@link #CSRF_ATTRIBUTE} for a refused form), from
 * {@link ErrorDispatchFilter} for errors the container handles, and rendered directly by {@link PageExceptionHandler}.
 */
@Controller
public class ErrorPageController {

    /** Where errors are forwarded to. */
    public static final String PATH = "/failure";

    /** Request attribute: the status to show. */
    public static final String STATUS_ATTRIBUTE = ErrorPageController.class.getName() + ".status";

    /** Request attribute: whether a form was refused for its CSRF token. */
    public static final String CSRF_ATTRIBUTE = ErrorPageController.class.getName() + ".csrf";

    @RequestMapping(PATH)
    public String error(HttpServletRequest request, HttpServletResponse response, Model model) {
        var status = request.getAttribute(STATUS_ATTRIBUTE) instanceof Integer s
                ? s
                : request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 404;
        return page(status, Boolean.TRUE.equals(request.getAttribute(CSRF_ATTRIBUTE)), response, model);
    }

    /** Sets the status and fills the model of the error template; returns its name. */
    static String page(int status, boolean csrf, HttpServletResponse response, Model model) {
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("csrf", csrf);
        model.addAttribute(
                "kind",
                switch (status) {
                    case 403 -> "forbidden";
                    case 404, 405 -> "notFound";
                    case 429 -> "tooMany";
                    case 503, 504 -> "unavailable";
                    default -> status >= 500 ? "server" : "bad";
                });
        return "error/page";
    }
}
