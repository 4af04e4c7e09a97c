package org.scriptorium.community;

import jakarta.servlet.http.HttpServletRequest;
import org.scriptorium.account.AccountPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every page's header and bell the signed-in account's unread group messages ({@code groupUnread}). */
@ControllerAdvice
class GroupsAdvice {

    private final GroupChat chat;

    GroupsAdvice(GroupChat chat) {
        this.chat = chat;
    }

    @ModelAttribute
    void unread(HttpServletRequest request, Model model) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/") || path.equals("/feed.atom")) {
            return;
        }
        AccountPrincipal.current().ifPresent(me -> {
            try {
                model.addAttribute("groupUnread", chat.unreadTotal(me.userId()));
            } catch (RuntimeException e) {
                // A count is not worth a page: an error page drawn while the database is down still shows.
            }
        });
    }
}
