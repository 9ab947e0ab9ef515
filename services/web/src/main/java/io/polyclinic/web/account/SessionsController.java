package io.polyclinic.web.account;

import io.polyclinic.web.session.BrowserSessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** My sessions: where I am logged in (created, last used, browser, address); log out one of them or everywhere. */
@Controller
public class SessionsController {

    private final AccountApi api;
    private final BrowserSessions sessions;

    public SessionsController(AccountApi api, BrowserSessions sessions) {
        this.api = api;
        this.sessions = sessions;
    }

    @GetMapping("/me/sessions")
    String list(Model model) {
        model.addAttribute("sessions", api.sessions());
        return "account/sessions";
    }

    @PostMapping("/me/sessions/{id}/revoke")
    String revoke(@PathVariable UUID id) {
        api.revoke(id);
        return "redirect:/me/sessions?revoked=true";
    }

    @PostMapping("/me/sessions/logout-all")
    String logOutEverywhere(HttpServletRequest request, HttpServletResponse response) {
        sessions.logOut(request, response, true);
        return "redirect:/login?loggedOut=true";
    }
}
