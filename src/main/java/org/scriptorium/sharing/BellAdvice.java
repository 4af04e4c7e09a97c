package org.scriptorium.sharing;

import jakarta.servlet.http.HttpServletRequest;
import org.scriptorium.account.AccountPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every page's layout the signed-in user's bell: unread count and the newest notifications. */
@ControllerAdvice
class BellAdvice {

    static final int ITEMS = 8;

    private final NotificationCentre centre;

    BellAdvice(NotificationCentre centre) {
        this.centre = centre;
    }

    @ModelAttribute
    void bell(HttpServletRequest request, Model model) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/") || path.equals("/feed.atom")) {
            return;
        }
        AccountPrincipal.currentUserId().ifPresent(id -> model.addAttribute("bell", centre.bell(id, ITEMS)));
    }
}
