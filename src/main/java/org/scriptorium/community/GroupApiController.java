package org.scriptorium.community;

import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.scriptorium.account.AccountPrincipal;
import org.scriptorium.common.Rejected;
import org.scriptorium.common.Rejects;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The groups in the JSON API: members read, post, mark read and report; staff set groups up and moderate. */
@RestController
@RequestMapping("/api/v1")
class GroupApiController {

    private final GroupChat chat;

    GroupApiController(GroupChat chat) {
        this.chat = chat;
    }

    record GroupBody(String name, GroupKind kind, String description, String externalLabel, String externalNumber) {
    }

    /** The external QQ/WeChat group; {@code qrUrl} null without a QR image. */
    record External(String label, String number, String qrUrl) {
    }

    record GroupJson(String id, String name, GroupKind kind, String description, int unread, External external) {

        static GroupJson of(Group g, int unread) {
            External external = !g.hasExternal() ? null : new External(g.externalLabel(), g.externalNumber(),
                    g.qrImageId() == null ? null : "/api/v1/groups/" + g.id() + "/images/" + g.qrImageId());
            return new GroupJson(g.id(), g.name(), g.kind(), g.description(), unread, external);
        }
    }

    record MessageBody(String text, String replyTo, Boolean pinned) {
    }

    record HistoryPage(List<MessageView> messages, boolean more) {
    }

    record HeldAnswer(String status, String caseId) {
    }

    record ReadBody(String through) {
    }

    record ReasonBody(String reason) {
    }

    record PinBody(Boolean pinned) {
    }

    record MuteBody(String userId, Integer minutes, String reason) {
    }

    record RemoveBody(String userId, String reason) {
    }

    record SanctionJson(String groupId, String userId, String mutedUntil, String muteReason, boolean removed) {
    }

    // --- members ---

    @Operation(summary = "The groups the caller may enter, with unread counts",
            description = "Members' groups need an active membership; free groups any signed-in account in good "
                    + "standing; staff see every group. `external` (a QQ/WeChat group) is shown only here, to those allowed in.")
    @Rejects(status = 401, codes = "NOT_SIGNED_IN")
    @GetMapping("/groups")
    List<GroupJson> groups() {
        return chat.groupsFor(me()).stream().map(l -> GroupJson.of(l.group(), l.unread())).toList();
    }

    @Operation(summary = "A page of a group's history, newest first",
            description = "`before` a message id pages backwards; `more` says whether older messages exist.")
    @Rejects(status = 403, codes = "GROUP_CLOSED")
    @Rejects(status = 404, codes = "GROUP_NOT_FOUND")
    @Rejects(status = 400, codes = "OUT_OF_RANGE")
    @Rejects(status = 422, codes = "MESSAGE_NOT_FOUND")
    @GetMapping("/groups/{id}/messages")
    HistoryPage history(@PathVariable String id, @RequestParam(required = false) String before,
                        @RequestParam(defaultValue = "50") int limit) {
        GroupChat.Page page = chat.history(me(), id, before, limit);
        return new HistoryPage(page.messages(), page.more());
    }

    @Operation(summary = "The group's pinned announcements, newest first")
    @Rejects(status = 403, codes = "GROUP_CLOSED")
    @Rejects(status = 404, codes = "GROUP_NOT_FOUND")
    @GetMapping("/groups/{id}/pinned")
    List<MessageView> pinned(@PathVariable String id) {
        return chat.pinned(me(), id);
    }

    @Operation(summary = "Post a message (JSON)",
            description = "201 with the message; 202 `{status: \"HELD\"}` when the leak guard holds it back (nobody "
                    + "sees it; staff review the case). At most 10 messages a minute per member (staff are not limited).")
    @Rejects(status = 403, codes = {"GROUP_CLOSED", "MUTED", "STAFF_ONLY"})
    @Rejects(status = 404, codes = "GROUP_NOT_FOUND")
    @Rejects(status = 422, codes = {"EMPTY_MESSAGE", "TEXT_TOO_LONG", "REPLY_NOT_FOUND"})
    @Rejects(status = 429, codes = "RATE_LIMITED")
    @PostMapping(path = "/groups/{id}/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> post(@PathVariable String id, @RequestBody MessageBody body) {
        return answer(chat.post(me(), id, body.text(), body.replyTo(), Boolean.TRUE.equals(body.pinned()), null));
    }

    @Operation(summary = "Post a message with an image (multipart)",
            description = "`image` (or `file`) PNG or JPEG, at most 5 MB and 40 million pixels; it is re-encoded (metadata such as "
                    + "EXIF removed) and served only to accounts allowed in the group. Answers as the JSON form.")
    @Rejects(status = 403, codes = {"GROUP_CLOSED", "MUTED", "STAFF_ONLY"})
    @Rejects(status = 404, codes = "GROUP_NOT_FOUND")
    @Rejects(status = 413, codes = "IMAGE_TOO_LARGE")
    @Rejects(status = 415, codes = "IMAGE_TYPE")
    @Rejects(status = 422, codes = {"EMPTY_MESSAGE", "TEXT_TOO_LONG", "REPLY_NOT_FOUND", "IMAGE_EMPTY",
            "IMAGE_TOO_MANY_PIXELS", "IMAGE_UNREADABLE"})
    @Rejects(status = 429, codes = "RATE_LIMITED")
    @PostMapping(path = "/groups/{id}/messages", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Object> postWithImage(@PathVariable String id, @RequestParam(required = false) String text,
                                         @RequestParam(required = false) String replyTo,
                                         @RequestParam(required = false) Boolean pinned,
                                         @RequestParam(required = false) MultipartFile image,
                                         @RequestParam(required = false) MultipartFile file) {
        return answer(chat.post(me(), id, text, replyTo, Boolean.TRUE.equals(pinned), bytes(image != null ? image : file)));
    }

    @Operation(summary = "Mark a group read through a message")
    @Rejects(status = 403, codes = "GROUP_CLOSED")
    @Rejects(status = 404, codes = "GROUP_NOT_FOUND")
    @Rejects(status = 422, codes = "MESSAGE_NOT_FOUND")
    @PostMapping("/groups/{id}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void read(@PathVariable String id, @RequestBody ReadBody body) {
        chat.read(me(), id, body.through());
    }

    @Operation(summary = "Report a message to staff")
    @Rejects(status = 403, codes = "GROUP_CLOSED")
    @Rejects(status = 404, codes = {"GROUP_NOT_FOUND", "MESSAGE_NOT_FOUND"})
    @Rejects(status = 422, codes = {"REASON_REQUIRED", "INVALID_FIELD"})
    @PostMapping("/groups/{id}/messages/{messageId}/report")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void report(@PathVariable String id, @PathVariable String messageId, @RequestBody ReasonBody body) {
        chat.report(me(), id, messageId, body.reason());
    }

    @Operation(summary = "A message's image or the group's QR image", description = "Only for accounts allowed in the group.")
    @Rejects(status = 403, codes = "GROUP_CLOSED")
    @Rejects(status = 404, codes = {"GROUP_NOT_FOUND", "IMAGE_NOT_FOUND"})
    @GetMapping("/groups/{id}/images/{imageId}")
    ResponseEntity<byte[]> image(@PathVariable String id, @PathVariable String imageId) {
        GroupRepository.Image image = chat.image(me(), id, imageId);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(image.contentType()))
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofDays(1)).cachePrivate())
                .body(image.content());
    }

    // --- staff ---

    @Operation(summary = "Create a group", description = "`kind` MEMBERS (会员群) or FREE (免费群).")
    @Rejects(status = 422, codes = "INVALID_FIELD")
    @PostMapping("/admin/groups")
    @ResponseStatus(HttpStatus.CREATED)
    GroupJson create(@RequestBody GroupBody body) {
        return GroupJson.of(chat.create(me(), body.name(), body.kind(), body.description(), body.externalLabel(),
                body.externalNumber()), 0);
    }

    @Operation(summary = "List every group (staff)")
    @GetMapping("/admin/groups")
    List<GroupJson> all() {
        return chat.allGroups().stream().map(g -> GroupJson.of(g, 0)).toList();
    }

    @Operation(summary = "Edit a group")
    @Rejects(status = 404, codes = "GROUP_NOT_FOUND")
    @Rejects(status = 422, codes = "INVALID_FIELD")
    @PutMapping("/admin/groups/{id}")
    GroupJson edit(@PathVariable String id, @RequestBody GroupBody body) {
        return GroupJson.of(chat.edit(id, body.name(), body.kind(), body.description(), body.externalLabel(),
                body.externalNumber()), 0);
    }

    @Operation(summary = "Attach the external group's QR image", description = "`image` PNG or JPEG; re-encoded.")
    @Rejects(status = 404, codes = "GROUP_NOT_FOUND")
    @Rejects(status = 413, codes = "IMAGE_TOO_LARGE")
    @Rejects(status = 415, codes = "IMAGE_TYPE")
    @Rejects(status = 422, codes = {"IMAGE_EMPTY", "IMAGE_TOO_MANY_PIXELS", "IMAGE_UNREADABLE"})
    @PostMapping(path = "/admin/groups/{id}/qr", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    GroupJson qr(@PathVariable String id, @RequestParam(required = false) MultipartFile image,
                 @RequestParam(required = false) MultipartFile file) {
        return GroupJson.of(chat.attachQr(id, bytes(image != null ? image : file)), 0);
    }

    @Operation(summary = "Held and hidden messages of a group (staff)")
    @Rejects(status = 404, codes = "GROUP_NOT_FOUND")
    @GetMapping("/admin/groups/{id}/moderation")
    GroupChat.Moderation moderation(@PathVariable String id) {
        return chat.moderation(id);
    }

    @Operation(summary = "Members' open reports of group messages (staff)")
    @GetMapping("/admin/groups/reports")
    List<GroupChat.OpenReport> reports() {
        return chat.openReports();
    }

    @Operation(summary = "Hide a message, with a reason", description = "Kept in the audit log; open pages remove it "
            + "(a `GROUP_MESSAGE_HIDDEN` event).")
    @Rejects(status = 404, codes = {"GROUP_NOT_FOUND", "MESSAGE_NOT_FOUND"})
    @Rejects(status = 422, codes = {"REASON_REQUIRED", "INVALID_FIELD"})
    @PostMapping("/admin/groups/{id}/messages/{messageId}/hide")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void hide(@PathVariable String id, @PathVariable String messageId, @RequestBody ReasonBody body) {
        chat.hide(me(), id, messageId, body.reason());
    }

    @Operation(summary = "Pin or unpin a message as an announcement")
    @Rejects(status = 404, codes = "MESSAGE_NOT_FOUND")
    @PostMapping("/admin/groups/{id}/messages/{messageId}/pin")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void pin(@PathVariable String id, @PathVariable String messageId, @RequestBody PinBody body) {
        chat.pin(id, messageId, !Boolean.FALSE.equals(body.pinned()));
    }

    @Operation(summary = "Mute a member in a group for some minutes, with a reason")
    @Rejects(status = 400, codes = "OUT_OF_RANGE")
    @Rejects(status = 404, codes = "GROUP_NOT_FOUND")
    @Rejects(status = 422, codes = {"USER_NOT_FOUND", "STAFF_NOT_SANCTIONED", "REASON_REQUIRED", "INVALID_FIELD"})
    @PostMapping("/admin/groups/{id}/mutes")
    SanctionJson mute(@PathVariable String id, @RequestBody MuteBody body) {
        Sanction s = chat.mute(me(), id, body.userId(), body.minutes() == null ? 0 : body.minutes(), body.reason());
        return new SanctionJson(id, body.userId(), s.mutedUntil().toString(), s.muteReason(), s.removed());
    }

    @Operation(summary = "Remove a member from a group, with a reason", description = "The group is closed to them at once.")
    @Rejects(status = 404, codes = "GROUP_NOT_FOUND")
    @Rejects(status = 422, codes = {"USER_NOT_FOUND", "STAFF_NOT_SANCTIONED", "REASON_REQUIRED", "INVALID_FIELD"})
    @PostMapping("/admin/groups/{id}/removals")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String id, @RequestBody RemoveBody body) {
        chat.remove(me(), id, body.userId(), body.reason());
    }

    @Operation(summary = "Lift a member's mute and removal in a group")
    @Rejects(status = 404, codes = "GROUP_NOT_FOUND")
    @Rejects(status = 422, codes = {"USER_NOT_FOUND", "STAFF_NOT_SANCTIONED"})
    @DeleteMapping("/admin/groups/{id}/sanctions/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void lift(@PathVariable String id, @PathVariable String userId) {
        chat.lift(me(), id, userId);
    }

    private static ResponseEntity<Object> answer(GroupChat.Posted posted) {
        return switch (posted) {
            case GroupChat.Posted.Shown shown -> ResponseEntity.status(HttpStatus.CREATED).body(shown.message());
            case GroupChat.Posted.Held held -> ResponseEntity.status(HttpStatus.ACCEPTED)
                    .body(new HeldAnswer("HELD", held.caseId()));
        };
    }

    static byte[] bytes(MultipartFile file) {
        if (file == null || file.isEmpty()) {
            return null;
        }
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String me() {
        return AccountPrincipal.currentUserId().orElseThrow(
                () -> new Rejected(401, "NOT_SIGNED_IN", "请先登录。", "Sign in first."));
    }
}
