package org.scriptorium.shelf;

import org.scriptorium.account.AccountPrincipal;
import org.scriptorium.common.Rejected;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The reader's shelf pages under {@code /me}, and the 收藏 button of the reading page. */
@Controller
class ShelfPages {

    static final String LIST = "shelf/list";
    static final String TOGGLE = "shelf/parts :: toggle";

    private final Shelf shelf;

    ShelfPages(Shelf shelf) {
        this.shelf = shelf;
    }

    @GetMapping("/me/favourites")
    String favourites(Model model) {
        model.addAttribute("tab", "favourites");
        model.addAttribute("favourites", shelf.favourites(currentUser(), Shelf.FAVOURITES_CAP));
        return LIST;
    }

    @GetMapping("/me/history")
    String history(Model model) {
        model.addAttribute("tab", "history");
        model.addAttribute("history", shelf.history(currentUser(), Shelf.HISTORY_CAP));
        return LIST;
    }

    @GetMapping("/me/downloads")
    String downloads(Model model) {
        model.addAttribute("tab", "downloads");
        model.addAttribute("downloads", shelf.downloads(currentUser(), Shelf.DOWNLOADS_SHOWN));
        return LIST;
    }

    /**
     * Keeps ({@code favourite=true}) or drops a favourite. From htmx the button is answered in place; a plain form
     * goes back to the reading page, or to the favourites when it came from there.
     */
    @PostMapping("/me/favourites/{materialId}")
    String toggle(@PathVariable String materialId, @RequestParam boolean favourite,
                  @RequestParam(required = false) String back,
                  @RequestHeader(name = "HX-Request", required = false) String htmx,
                  Model model, RedirectAttributes redirect) {
        String userId = currentUser();
        try {
            if (favourite) {
                shelf.favourite(userId, materialId);
            } else {
                shelf.unfavourite(userId, materialId);
            }
        } catch (Rejected e) {
            if (htmx != null || e.status() == 404) {
                throw e;
            }
            redirect.addFlashAttribute("error", e.chinese());
        }
        if (htmx != null) {
            model.addAttribute("materialId", materialId);
            model.addAttribute("favourite", favourite);
            return TOGGLE;
        }
        return "favourites".equals(back) ? "redirect:/me/favourites" : "redirect:/materials/" + materialId;
    }

    @PostMapping("/me/history/clear")
    String clearHistory(RedirectAttributes redirect) {
        shelf.clearHistory(currentUser());
        redirect.addFlashAttribute("message", "阅读记录已清空。");
        return "redirect:/me/history";
    }

    private static String currentUser() {
        return AccountPrincipal.currentUserId().orElseThrow(
                () -> new Rejected(401, "NOT_SIGNED_IN", "请先登录。", "Sign in first."));
    }
}
