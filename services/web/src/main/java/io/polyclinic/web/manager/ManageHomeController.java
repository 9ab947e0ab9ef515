package io.polyclinic.web.manager;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The staff start page ({@code /manage}): the sections the person's roles open. */
@Controller
class ManageHomeController {

    @GetMapping("/manage")
    String home() {
        return "manager/home";
    }
}
