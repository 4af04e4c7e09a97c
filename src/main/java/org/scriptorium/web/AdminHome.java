package org.scriptorium.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The operator's start page. */
@Controller
class AdminHome {

    @GetMapping("/admin")
    String admin() {
        return "admin/index";
    }
}
