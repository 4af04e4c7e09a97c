package org.scriptorium.shelf;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scriptorium.account.AccountPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What other features' pages show of the shelf, as the bell is given to every page ({@code sharing.BellAdvice}): the
 * reading page's 收藏 state, and the newest favourites and history on {@code /me}. The shelf sits above the library
 * and membership modules, so their controllers cannot ask it themselves.
 */
@ControllerAdvice
class ShelfAdvice {

    /** How many favourites and history entries {@code /me} shows before its links to the full lists. */
    static final int ON_ME = 5;

    private static final Pattern READING_PAGE = Pattern.compile("/materials/([A-Za-z0-9_-]{1,32})");

    private final Shelf shelf;

    ShelfAdvice(Shelf shelf) {
        this.shelf = shelf;
    }

    @ModelAttribute
    void shelf(HttpServletRequest request, Model model) {
        if (!"GET".equals(request.getMethod())) {
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        AccountPrincipal.currentUserId().ifPresent(userId -> {
            Matcher reading = READING_PAGE.matcher(path);
            if (reading.matches() && !"suggest".equals(reading.group(1))) {
                model.addAttribute("favourite", shelf.isFavourite(userId, reading.group(1)));
            } else if (path.equals("/me")) {
                model.addAttribute("shelfFavourites", shelf.favourites(userId, ON_ME));
                model.addAttribute("shelfHistory", shelf.history(userId, ON_ME));
            }
        });
    }
}
