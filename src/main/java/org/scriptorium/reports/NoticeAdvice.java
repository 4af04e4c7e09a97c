package org.scriptorium.reports;

import jakarta.servlet.http.HttpServletRequest;
import org.scriptorium.account.AccountPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Tells every page's layout how many notices the signed-in user has not read, for the dot beside 我的举报. */
@ControllerAdvice
class NoticeAdvice {

    private final Reports reports;

    NoticeAdvice(Reports reports) {
        this.reports = reports;
    }

    @ModelAttribute
    void unread(HttpServletRequest request, Model model) {
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            return;
        }
        AccountPrincipal.currentUserId().ifPresent(id -> model.addAttribute("unreadNotices", reports.unreadNotices(id)));
    }
}
