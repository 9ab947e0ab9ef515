package io.polyclinic.web.error;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Errors that reach the servlet container (a filter's {@code sendError}, an unmapped failure) are shown as our error
 * page rather than the platform's JSON problem: the container's error dispatch is forwarded to
 * {@link ErrorPages#PATH}, except for the health probes. Registered for the {@code ERROR} dispatch only.
 */
public class ErrorDispatchFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getDispatcherType() != DispatcherType.ERROR;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var uri = request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path && path.startsWith("/actuator/")) {
            chain.doFilter(request, response);
            return;
        }
        request.getRequestDispatcher(ErrorPages.PATH).forward(request, response);
    }
}
