package io.polyclinic.web.error;

import io.polyclinic.web.view.LayoutModel;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The error page's model and its forwarding contract (path and request attributes). */
public final class ErrorPages {

    /** Where errors are forwarded to. */
    public static final String PATH = "/failure";

    /** Request attribute: the status to show. */
    public static final String STATUS_ATTRIBUTE = ErrorPages.class.getName() + ".status";

    /** Request attribute: whether a form was refused for its CSRF token. */
    public static final String CSRF_ATTRIBUTE = ErrorPages.class.getName() + ".csrf";

    private ErrorPages() {}

    /** Sets the status and fills the model of the error template; returns its name. */
    static String page(int status, boolean csrf, HttpServletResponse response, Model model) {
        response.setStatus(status);
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            LayoutModel.addTo(model, attributes.getRequest());
        }
        model.addAttribute("status", status);
        model.addAttribute("csrf", csrf);
        model.addAttribute("requestId", org.slf4j.MDC.get(io.polyclinic.platform.tracing.RequestIds.MDC_KEY));
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
