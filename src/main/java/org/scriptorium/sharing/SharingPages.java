package org.scriptorium.sharing;

import java.util.Arrays;
import java.util.List;
import org.scriptorium.account.AccountPrincipal;
import org.scriptorium.common.Rejected;
import org.scriptorium.library.Materials;
import org.scriptorium.search.MaterialQuery;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Sharing's pages: the notification list and the bell's contents, what a member follows, the requests board, the
 * public Atom feed and the administrators' webhooks.
 */
@Controller
class SharingPages {

    static final String NOTIFICATIONS = "sharing/notifications";
    static final String BELL = "sharing/bell :: bell";
    static final String FOLLOWS = "sharing/follows";
    static final String BOARD = "sharing/requests";
    static final String REQUEST = "sharing/request";
    static final String WEBHOOKS = "sharing/webhooks";

    private final NotificationCentre centre;
    private final RequestBoard board;
    private final Webhooks webhooks;
    private final AtomFeed feed;
    /** How many of the newest publications an editor is offered to fulfil a request with. */
    private static final int FULFIL_CHOICES = 30;

    private final Materials materials;

    SharingPages(NotificationCentre centre, RequestBoard board, Webhooks webhooks, AtomFeed feed, Materials materials) {
        this.centre = centre;
        this.board = board;
        this.webhooks = webhooks;
        this.feed = feed;
        this.materials = materials;
    }

    @GetMapping(path = "/feed.atom")
    ResponseEntity<String> feed() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/atom+xml;charset=UTF-8"))
                .body(feed.xml());
    }

    @GetMapping("/me/notifications")
    String notifications(Model model) {
        model.addAttribute("all", centre.bell(currentUser(), 100));
        return NOTIFICATIONS;
    }

    /** The bell alone, which the page's script fetches again when the event stream says something happened. */
    @GetMapping("/me/notifications/bell")
    String bell() {
        return BELL;
    }

    @PostMapping("/me/notifications/read")
    String markRead(@RequestParam(required = false) String back) {
        centre.markAllRead(currentUser());
        return "redirect:" + (back != null && back.startsWith("/") && !back.startsWith("//") ? back : "/me/notifications");
    }

    @GetMapping("/me/follows")
    String follows(Model model) {
        Follows follows = centre.follows(currentUser());
        model.addAttribute("follows", follows);
        model.addAttribute("kinds", materials.kinds());
        model.addAttribute("topics", materials.topics());
        model.addAttribute("otherTopics", String.join("，", follows.topics().stream()
                .filter(t -> !materials.topics().contains(t)).sorted().toList()));
        return FOLLOWS;
    }

    @PostMapping("/me/follows")
    String follow(@RequestParam(name = "kind", required = false) List<String> kinds,
                  @RequestParam(name = "topic", required = false) List<String> topics,
                  @RequestParam(required = false) String otherTopics, RedirectAttributes redirect) {
        List<String> all = new java.util.ArrayList<>(topics == null ? List.of() : topics);
        if (otherTopics != null) {
            all.addAll(Arrays.asList(otherTopics.split("[,，、\\s]+")));
        }
        Follows follows = centre.follow(currentUser(), kinds, all);
        redirect.addFlashAttribute("message", follows.followsNothing()
                ? "已保存：您会收到所有可见资料的发布通知。" : "已保存：只通知您关注的文种和主题。");
        return "redirect:/me/follows";
    }

    @GetMapping("/requests")
    String requests(@RequestParam(required = false) RequestBoard.Status status, Model model) {
        model.addAttribute("requests", board.list(currentUser(), status, 200));
        model.addAttribute("status", status);
        return BOARD;
    }

    @PostMapping("/requests")
    String post(@RequestParam(required = false) String title, @RequestParam(required = false) String detail,
                Model model, RedirectAttributes redirect) {
        try {
            String id = board.post(currentUser(), title, detail);
            redirect.addFlashAttribute("message", "需求已发布。有人投票或编辑回应时会通知您。");
            return "redirect:/requests/" + id;
        } catch (Rejected e) {
            model.addAttribute("error", e.chinese());
            model.addAttribute("title", title);
            model.addAttribute("detail", detail);
            return requests(null, model);
        }
    }

    @GetMapping("/requests/{id}")
    String request(@PathVariable String id, Model model) {
        model.addAttribute("seen", board.seen(id, currentUser()));
        model.addAttribute("comments", board.comments(id));
        String materialId = board.get(id).materialId();
        model.addAttribute("material", materialId == null ? null : materials.find(materialId).orElse(null));
        if (Boolean.TRUE.equals(model.getAttribute("staff")) && materialId == null) {
            // What an editor most likely fulfils it with: the newest publications, to choose by title.
            model.addAttribute("candidates", materials.list(MaterialQuery.latest(FULFIL_CHOICES), false).materials());
        }
        return REQUEST;
    }

    @PostMapping("/requests/{id}/vote")
    String vote(@PathVariable String id, @RequestParam(defaultValue = "false") boolean undo, RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            if (undo) {
                board.unvote(id, currentUser());
            } else {
                board.vote(id, currentUser());
            }
        }, undo ? "已取消投票。" : "已投票，资料写好后会通知您。");
    }

    @PostMapping("/requests/{id}/comments")
    String comment(@PathVariable String id, @RequestParam(required = false) String body, RedirectAttributes redirect) {
        return act(id, redirect, () -> board.comment(id, currentUser(), body), "评论已发布。");
    }

    @PostMapping("/admin/requests/{id}/plan")
    String plan(@PathVariable String id, RedirectAttributes redirect) {
        return act(id, redirect, () -> board.plan(id, currentUser()), "已列入写作计划，提出和投票的会员已收到通知。");
    }

    /** A material chosen from the list, or a link or id pasted instead (which wins when both are given). */
    @PostMapping("/admin/requests/{id}/fulfil")
    String fulfil(@PathVariable String id, @RequestParam(required = false) String materialId,
                  @RequestParam(required = false) String materialLink, RedirectAttributes redirect) {
        String chosen = materialLink == null || materialLink.isBlank() ? materialId : materialLink;
        return act(id, redirect, () -> board.fulfil(id, chosen, currentUser()), "已关联资料，提出和投票的会员已收到通知。");
    }

    @GetMapping("/admin/webhooks")
    String webhooks(Model model) {
        model.addAttribute("hooks", webhooks.list());
        model.addAttribute("attempts", webhooks.deliveries(null, 100));
        return WEBHOOKS;
    }

    @PostMapping("/admin/webhooks")
    String addWebhook(@RequestParam(required = false) String url, @RequestParam(required = false) String description,
                      RedirectAttributes redirect) {
        try {
            Webhooks.Webhook hook = webhooks.add(url, description, currentUser());
            redirect.addFlashAttribute("message", "已添加推送地址。签名密钥：" + hook.secret());
        } catch (Rejected e) {
            redirect.addFlashAttribute("error", e.chinese());
        }
        return "redirect:/admin/webhooks";
    }

    @PostMapping("/admin/webhooks/{id}/remove")
    String removeWebhook(@PathVariable String id, RedirectAttributes redirect) {
        try {
            webhooks.remove(id);
            redirect.addFlashAttribute("message", "已删除推送地址。");
        } catch (Rejected e) {
            redirect.addFlashAttribute("error", e.chinese());
        }
        return "redirect:/admin/webhooks";
    }

    private static String act(String id, RedirectAttributes redirect, Runnable action, String done) {
        try {
            action.run();
            redirect.addFlashAttribute("message", done);
        } catch (Rejected e) {
            if (e.status() == 404) {
                throw e;
            }
            redirect.addFlashAttribute("error", e.chinese());
        }
        return "redirect:/requests/" + id;
    }

    private static String currentUser() {
        return AccountPrincipal.currentUserId().orElseThrow();
    }
}
