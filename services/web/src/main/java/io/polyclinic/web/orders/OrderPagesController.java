package io.polyclinic.web.orders;

import io.polyclinic.web.api.ApiClient;
import io.polyclinic.web.api.ApiException;
import io.polyclinic.web.manager.PageForms;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Find an order by its id for ADMINs ({@code /admin/orders?orderUid=}): the order, its delivery, payment and items, as
 * the orders API answers them (WB L0 field names). An unknown id is a message on the page, not the 404 page: the
 * person typed it.
 */
@Controller
class OrderPagesController {

    private final ApiClient api;

    OrderPagesController(ApiClient api) {
        this.api = api;
    }

    @GetMapping("/admin/orders")
    String find(@RequestParam(required = false) String orderUid, Model model) {
        var id = PageForms.text(orderUid, 100);
        model.addAttribute("orderUid", id);
        if (id == null) {
            return "admin/orders";
        }
        try {
            model.addAttribute("order", api.get("/api/v1/orders/" + ApiClient.query(id), Map.class));
        } catch (ApiException e) {
            if (e.status() == 404) {
                model.addAttribute("notFound", true);
            } else {
                PageForms.show(e, model);
            }
        }
        return "admin/orders";
    }
}
