package io.polyclinic.web.account;

import io.polyclinic.web.api.ApiException;
import io.polyclinic.web.session.BrowserSessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Size;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Log in, register, log out. After logging in (or registering) the browser goes back to {@code next}, a path of this
 * site only (anything else goes to the start page, so the link cannot send a person elsewhere).
 */
@Controller
@Validated
public class LoginController {

    private final BrowserSessions sessions;
    private final CsrfTokenRepository csrfTokens;

    public LoginController(BrowserSessions sessions, CsrfTokenRepository csrfTokens) {
        this.sessions = sessions;
        this.csrfTokens = csrfTokens;
    }

    @GetMapping("/login")
    String loginPage(
            @RequestParam(required = false) @Size(max = 2000) String next,
            @RequestParam(required = false) Boolean expired,
            Model model) {
        model.addAttribute("next", safeNext(next));
        model.addAttribute("expired", Boolean.TRUE.equals(expired));
        model.addAttribute("email", "");
        return "account/login";
    }

    @PostMapping("/login")
    String logIn(
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(required = false) String next,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var target = safeNext(next);
        if (email.isBlank() || password.isEmpty() || email.length() > 320 || password.length() > 128) {
            return loginAgain(model, email, target, "login.failed");
        }
        try {
            sessions.logIn(email.strip(), password, response);
            newCsrfToken(request, response);
            return "redirect:" + target;
        } catch (ApiException e) {
            if (e.status() == 429) {
                response.setStatus(429);
                return loginAgain(model, email, target, "login.tooMany");
            }
            if (e.status() == 400 || e.status() == 401) {
                response.setStatus(401);
                return loginAgain(model, email, target, "login.failed");
            }
            throw e;
        }
    }

    @GetMapping("/register")
    String registerPage(@RequestParam(required = false) @Size(max = 2000) String next, Model model) {
        model.addAttribute("next", safeNext(next));
        model.addAttribute("form", new RegistrationForm("", "", ""));
        return "account/register";
    }

    @PostMapping("/register")
    String register(
            @RequestParam(defaultValue = "") String fullName,
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(required = false) String next,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var form = new RegistrationForm(clip(fullName, 200), clip(email, 320), "");
        var target = safeNext(next);
        model.addAttribute("next", target);
        model.addAttribute("form", form);
        try {
            sessions.register(email.strip(), password, fullName.strip(), response);
            newCsrfToken(request, response);
            return "redirect:" + target;
        } catch (ApiException e) {
            if (e.status() == 409) {
                model.addAttribute("fieldErrors", java.util.Map.of("email", "register.taken"));
            } else if (e.status() == 400 || e.status() == 422) {
                model.addAttribute("apiErrors", e.fieldErrors());
                model.addAttribute("formError", e.detail());
            } else if (e.status() == 429) {
                model.addAttribute("formError", null);
                model.addAttribute("fieldErrors", java.util.Map.of("email", "login.tooMany"));
            } else {
                throw e;
            }
            response.setStatus(e.status());
            return "account/register";
        }
    }

    @PostMapping("/logout")
    String logOut(
            @RequestParam(defaultValue = "false") boolean everywhere,
            HttpServletRequest request,
            HttpServletResponse response) {
        sessions.logOut(request, response, everywhere);
        newCsrfToken(request, response);
        return "redirect:/";
    }

    /**
     * A login or logout ends the CSRF token of the visit before it (a token someone planted or saw before the login
     * is worth nothing after it); the next page gets a new one (decision 0056).
     */
    private void newCsrfToken(HttpServletRequest request, HttpServletResponse response) {
        csrfTokens.saveToken(null, request, response);
    }

    private static String loginAgain(Model model, String email, String next, String message) {
        model.addAttribute("email", clip(email, 320));
        model.addAttribute("next", next);
        model.addAttribute("error", message);
        model.addAttribute("expired", false);
        return "account/login";
    }

    /** A path on this site (starting with one slash), else {@code /}. */
    static String safeNext(String next) {
        if (next == null || next.isEmpty() || next.length() > 2000) {
            return "/";
        }
        if (!next.startsWith("/")
                || next.startsWith("//")
                || next.startsWith("/\\")
                || next.contains("\n")
                || next.contains("\r")) {
            return "/";
        }
        return next;
    }

    private static String clip(String value, int max) {
        return value.length() > max ? value.substring(0, max) : value;
    }

    /** The registration form as re-shown after an error (the password is never sent back). */
    record RegistrationForm(String fullName, String email, String password) {}
}
