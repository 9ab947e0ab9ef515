package io.polyclinic.web.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Our own error pages (404, 403, 500, 503...), in the page's language, with the request id to quote and no technical
 * detail. Reached by forward to {@link ErrorPages#PATH}: from Spring Security (403, with
 * {@link ErrorPages#CSRF_ATTRIBUTE} for a refused form) and from {@link ErrorDispatchFilter} for errors the container
 * handles; {@link PageExceptionHandler} renders the same page directly.
 */
@Controller
public class ErrorPageController {

    @RequestMapping(ErrorPages.PATH)
    public String error(HttpServletRequest request, HttpServletResponse response, Model model) {
        var status = request.getAttribute(ErrorPages.STATUS_ATTRIBUTE) instanceof Integer s
                ? s
                : request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 404;
        return ErrorPages.page(
                status, Boolean.TRUE.equals(request.getAttribute(ErrorPages.CSRF_ATTRIBUTE)), response, model);
    }
}
