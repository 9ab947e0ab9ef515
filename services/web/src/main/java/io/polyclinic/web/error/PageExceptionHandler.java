package io.polyclinic.web.error;

import io.polyclinic.web.api.ApiException;
import io.polyclinic.web.session.SessionCookies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * What a page shows when something fails, ahead of the platform's JSON problems: an API 401 (the session ended
 * meanwhile) goes to the login page and back; 403/404 from the API, an unknown path or a malformed id are our
 * 403/404 pages; a down API is the 503 page; anything else is the 500 page with the request id, logged here.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PageExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(PageExceptionHandler.class);

    private final SessionCookies cookies;

    public PageExceptionHandler(SessionCookies cookies) {
        this.cookies = cookies;
    }

    @ExceptionHandler(ApiException.class)
    String api(ApiException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        if (e.status() == 401) {
            cookies.clear(response);
            var next = "GET".equals(request.getMethod()) ? request.getRequestURI() : "/me/appointments";
            return "redirect:/login?expired=true&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
        }
        if (e.status() >= 500 && e.status() != 503 && e.status() != 504) {
            log.warn("The API answered {} ({})", e.status(), e.type());
        }
        model.addAttribute("detail", e.status() < 500 && e.status() != 404 ? e.detail() : null);
        return ErrorPages.page(e.status(), false, response, model);
    }

    @ExceptionHandler({
        NoResourceFoundException.class,
        MethodArgumentTypeMismatchException.class,
        HttpRequestMethodNotSupportedException.class
    })
    String notFound(HttpServletResponse response, Model model) {
        return ErrorPages.page(404, false, response, model);
    }

    /** The gateway could not be reached or did not answer in time. */
    @ExceptionHandler(org.springframework.web.client.ResourceAccessException.class)
    String unreachable(HttpServletResponse response, Model model) {
        return ErrorPages.page(503, false, response, model);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    String badRequest(HttpServletResponse response, Model model) {
        return ErrorPages.page(400, false, response, model);
    }

    @ExceptionHandler(Exception.class)
    String unexpected(Exception e, HttpServletResponse response, Model model) {
        log.error("A page failed", e);
        return ErrorPages.page(500, false, response, model);
    }
}
