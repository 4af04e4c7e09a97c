package org.scriptorium.delivery;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The ledger for the operator: as JSON under the API and as a page. */
@Controller
class DeliveryController {

    private final DeliveryLedger ledger;

    DeliveryController(DeliveryLedger ledger) {
        this.ledger = ledger;
    }

    @Operation(summary = "The delivery ledger", description = "Every copy handed out, newest first; filtered by "
            + "material and reader.")
    @GetMapping("/api/v1/admin/deliveries")
    @ResponseBody
    List<DeliveryLedger.Delivery> deliveries(@RequestParam(required = false) String materialId,
                                             @RequestParam(required = false) String userId,
                                             @RequestParam(defaultValue = "1000") @Min(1) @Max(10_000) int limit) {
        return ledger.find(materialId, userId, limit);
    }

    @GetMapping("/admin/deliveries")
    String page(@RequestParam(required = false) String materialId, @RequestParam(required = false) String userId,
                Model model) {
        model.addAttribute("deliveries", ledger.find(materialId, userId, 500));
        model.addAttribute("materialId", materialId);
        model.addAttribute("userId", userId);
        return "delivery/deliveries";
    }
}
