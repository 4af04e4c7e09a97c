package org.scriptorium.sharing;

import jakarta.servlet.http.HttpServletRequest;
import org.scriptorium.account.AccountPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives every page's layout the signed-in user's bell: unread count and the newest notifications, and where the
 * page's script opens its live stream.
 */
@ControllerAdvice
class BellAdvice {

    static final int ITEMS = 8;

    private final NotificationCentre centre;
    private final StreamServer streamPort;

    BellAdvice(NotificationCentre centre, StreamServer streamPort) {
        this.centre = centre;
        this.streamPort = streamPort;
    }

    @ModelAttribute
    void bell(HttpServletRequest request, Model model) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/") || path.equals("/feed.atom")) {
            return;
        }
        AccountPrincipal.current().ifPresent(me -> {
            model.addAttribute("bell", centre.bell(me.userId(), ITEMS));
            streamPort.urlFor(me.userId(), me.authenticatedAt(), request.getServerName(), request.isSecure())
                    .ifPresent(url -> model.addAttribute("streamUrl", url));
        });
    }
}
