package io.polyclinic.web.account;

import io.polyclinic.web.api.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Change password (on the account page): the current and a new password go to identity, which checks the current one
 * under the login limits, the new one against the registration policy, and logs the person out everywhere else; this
 * browser stays logged in. A mistake re-shows the form with the message next to its field (the passwords are never
 * sent back); success shows a message.
 */
@Controller
public class PasswordController {

    private static final int MAX_LENGTH = 1024;

    private final AccountApi api;

    public PasswordController(AccountApi api) {
        this.api = api;
    }

    @GetMapping("/me/password")
    String form(Model model) {
        model.addAttribute("fieldErrors", Map.of());
        return "account/password";
    }

    @PostMapping("/me/password")
    String change(
            @RequestParam(defaultValue = "") String currentPassword,
            @RequestParam(defaultValue = "") String newPassword,
            HttpServletResponse response,
            Model model) {
        if (currentPassword.isEmpty() || currentPassword.length() > MAX_LENGTH) {
            return again(model, response, 400, Map.of("currentPassword", "password.wrong"));
        }
        if (newPassword.isEmpty() || newPassword.length() > MAX_LENGTH) {
            return again(model, response, 400, Map.of("newPassword", "password.weak"));
        }
        try {
            api.changePassword(currentPassword, newPassword);
            return "redirect:/me/password?changed=true";
        } catch (ApiException e) {
            if (e.status() == 429) {
                return again(model, response, 429, Map.of("currentPassword", "login.tooMany"));
            }
            if (e.status() != 400) {
                throw e;
            }
            if (e.fieldErrors().containsKey("currentPassword")) {
                return again(model, response, 400, Map.of("currentPassword", "password.wrong"));
            }
            var key = currentPassword.equals(newPassword) ? "password.same" : "password.weak";
            return again(model, response, 400, Map.of("newPassword", key));
        }
    }

    /** The form again with a message key per field; never the passwords typed. */
    private static String again(Model model, HttpServletResponse response, int status, Map<String, String> errors) {
        response.setStatus(status);
        model.addAttribute("fieldErrors", errors);
        return "account/password";
    }
}
