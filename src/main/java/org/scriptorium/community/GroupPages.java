package org.scriptorium.community;

import java.util.Optional;
import org.scriptorium.account.Account;
import org.scriptorium.common.Rejected;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The groups' pages: the list, a group (its messages are drawn by the page's script from the API and the live
 * stream), and staff's page to set groups up and moderate them.
 */
@Controller
class GroupPages {

    static final String LIST = "community/groups";
    static final String GROUP = "community/group";
    static final String ADMIN = "community/admin-groups";
    private static final String BACK_TO_ADMIN = "redirect:/admin/groups";

    private final GroupChat chat;
    private final GroupAccess access;

    GroupPages(GroupChat chat, GroupAccess access) {
        this.chat = chat;
        this.access = access;
    }

    @GetMapping("/groups")
    String list(Model model) {
        model.addAttribute("groups", chat.groupsFor(GroupApiController.me()));
        return LIST;
    }

    /** A closed group answers 403 with the reason, as the error page shows it. */
    @GetMapping("/groups/{id}")
    String group(@PathVariable String id, Model model) {
        String me = GroupApiController.me();
        Group group = chat.enter(me, id);
        model.addAttribute("group", group);
        model.addAttribute("pinned", chat.pinned(me, id));
        model.addAttribute("groupStaff", access.staff(me));
        model.addAttribute("me", me);
        return GROUP;
    }

    @GetMapping("/admin/groups")
    String admin(Model model) {
        model.addAttribute("groups", chat.allGroups());
        model.addAttribute("kinds", GroupKind.values());
        model.addAttribute("reports", chat.openReports());
        model.addAttribute("moderation", chat.allGroups().stream()
                .collect(java.util.stream.Collectors.toMap(Group::id, g -> chat.moderation(g.id()))));
        return ADMIN;
    }

    @PostMapping("/admin/groups")
    String create(@RequestParam(required = false) String name, @RequestParam(required = false) GroupKind kind,
                  @RequestParam(required = false) String description, @RequestParam(required = false) String externalLabel,
                  @RequestParam(required = false) String externalNumber, RedirectAttributes flash) {
        return done(flash, "已创建群。", () -> chat.create(GroupApiController.me(), name, kind, description,
                externalLabel, externalNumber));
    }

    @PostMapping("/admin/groups/{id}")
    String edit(@PathVariable String id, @RequestParam(required = false) String name,
                @RequestParam(required = false) GroupKind kind, @RequestParam(required = false) String description,
                @RequestParam(required = false) String externalLabel,
                @RequestParam(required = false) String externalNumber, RedirectAttributes flash) {
        return done(flash, "已保存。", () -> chat.edit(id, name, kind, description, externalLabel, externalNumber));
    }

    @PostMapping("/admin/groups/{id}/qr")
    String qr(@PathVariable String id, @RequestParam(required = false) MultipartFile image, RedirectAttributes flash) {
        return done(flash, "已上传二维码。", () -> chat.attachQr(id, GroupApiController.bytes(image)));
    }

    @PostMapping("/admin/groups/{id}/mute")
    String mute(@PathVariable String id, @RequestParam(required = false) String account,
                @RequestParam(defaultValue = "0") int minutes, @RequestParam(required = false) String reason,
                RedirectAttributes flash) {
        return done(flash, "已禁言。", () -> chat.mute(GroupApiController.me(), id, userId(account), minutes, reason));
    }

    @PostMapping("/admin/groups/{id}/remove")
    String remove(@PathVariable String id, @RequestParam(required = false) String account,
                  @RequestParam(required = false) String reason, RedirectAttributes flash) {
        return done(flash, "已移出本群。", () -> {
            chat.remove(GroupApiController.me(), id, userId(account), reason);
            return null;
        });
    }

    @PostMapping("/admin/groups/{id}/lift")
    String lift(@PathVariable String id, @RequestParam(required = false) String account, RedirectAttributes flash) {
        return done(flash, "已解除禁言与移出。", () -> {
            chat.lift(GroupApiController.me(), id, userId(account));
            return null;
        });
    }

    @PostMapping("/admin/groups/{id}/messages/{messageId}/hide")
    String hide(@PathVariable String id, @PathVariable String messageId, @RequestParam(required = false) String reason,
                RedirectAttributes flash) {
        return done(flash, "已隐藏消息。", () -> {
            chat.hide(GroupApiController.me(), id, messageId, reason);
            return null;
        });
    }

    @PostMapping("/admin/groups/reports/{reportId}/close")
    String closeReport(@PathVariable String reportId, RedirectAttributes flash) {
        return done(flash, "已处理举报。", () -> {
            chat.closeReport(reportId);
            return null;
        });
    }

    private String userId(String account) {
        Optional<Account> found = chat.account(account);
        return found.map(Account::id).orElseThrow(() -> Rejected.ofField(422, "USER_NOT_FOUND", "account",
                "没有这个用户（请填写邮箱或用户编号）。", "No such user."));
    }

    /** Runs a staff action and goes back to the page, with its result or the reason it was refused. */
    private static String done(RedirectAttributes flash, String message, java.util.function.Supplier<Object> action) {
        try {
            action.get();
            flash.addFlashAttribute("message", message);
        } catch (Rejected refused) {
            flash.addFlashAttribute("error", refused.chinese());
        }
        return BACK_TO_ADMIN;
    }
}
