package org.scriptorium.web;

import org.scriptorium.library.Materials;
import org.scriptorium.search.MaterialQuery;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: a search box, the newest materials and the reader's membership. */
@Controller
class HomeController {

    private final Materials materials;

    HomeController(Materials materials) {
        this.materials = materials;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("latest", materials.list(MaterialQuery.latest(8), false).materials());
        model.addAttribute("kinds", materials.kinds());
        return "home";
    }
}
