package org.scriptorium.community;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.scriptorium.account.AccountPrincipal;
import org.scriptorium.common.Rejects;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Consultation in the JSON API: asking and replying for users and visitors; the inbox and canned replies for staff. */
@RestController
@RequestMapping("/api/v1")
class ConsultationApiController {

    /** The header a visitor may send their link's token in, instead of {@code ?token=}. */
    static final String TOKEN_HEADER = "X-Consultation-Token";

    private final Consultations consultations;
    private final CannedReplyBook canned;

    ConsultationApiController(Consultations consultations, CannedReplyBook canned) {
        this.consultations = consultations;
        this.canned = canned;
    }

    record Ask(String subject, String text, String email) {
    }

    record Message(String text) {
    }

    record Assign(String staffId) {
    }

    record Answer(String text, String materialId) {
    }

    record CannedReplyBody(String title, String text) {
    }

    @Operation(summary = "Ask the operator", description = "Opens a conversation (咨询). Signed in: the account asks "
            + "(a suspended one too). Without signing in, `email` is required: the visitor is sent the link to the "
            + "conversation, which is also answered here once as `visitorLink` (a path with its `token`).")
    @Rejects(status = 422, codes = {"TEXT_REQUIRED", "TEXT_TOO_LONG", "SUBJECT_TOO_LONG", "EMAIL_REQUIRED", "INVALID_EMAIL"})
    @Rejects(status = 429, codes = "CONSULTATION_LIMIT")
    @PostMapping("/consultations")
    @ResponseStatus(HttpStatus.CREATED)
    Consultations.Asked ask(@RequestBody(required = false) Ask body, HttpServletRequest request) {
        Ask ask = body == null ? new Ask(null, null, null) : body;
        return consultations.ask(currentUser(), ask.email(), ask.subject(), ask.text(), request.getRemoteAddr());
    }

    @Operation(summary = "The caller's conversations", description = "Latest first; `awaitingAnswer` is true until "
            + "staff have answered the last message.")
    @GetMapping("/me/consultations")
    List<Consultation> mine() {
        return consultations.mine(currentUser());
    }

    @Operation(summary = "A conversation with its messages", description = "For its asker, staff, or a visitor with "
            + "the token of their link (`?token=` or the `X-Consultation-Token` header). Anyone else is told it does "
            + "not exist.")
    @Rejects(status = 404, codes = "CONSULTATION_NOT_FOUND")
    @GetMapping("/consultations/{id}")
    ConsultationThread thread(@PathVariable String id, @RequestParam(required = false) String token,
                              @RequestHeader(name = TOKEN_HEADER, required = false) String headerToken) {
        return consultations.thread(id, currentUser(), token != null ? token : headerToken);
    }

    @Operation(summary = "Write again in a conversation", description = "For its asker (or the visitor with the "
            + "token); opens a closed conversation again.")
    @Rejects(status = 404, codes = "CONSULTATION_NOT_FOUND")
    @Rejects(status = 422, codes = {"TEXT_REQUIRED", "TEXT_TOO_LONG"})
    @Rejects(status = 429, codes = "CONSULTATION_LIMIT")
    @PostMapping("/consultations/{id}/messages")
    ConsultationThread reply(@PathVariable String id, @RequestBody(required = false) Message body,
                             @RequestParam(required = false) String token,
                             @RequestHeader(name = TOKEN_HEADER, required = false) String headerToken) {
        return consultations.reply(id, currentUser(), token != null ? token : headerToken,
                body == null ? null : body.text());
    }

    @Operation(summary = "The staff inbox", description = "`box`: `unassigned` (default), `mine` (open and assigned "
            + "to the caller) or `closed`.")
    @Rejects(status = 400, codes = "INVALID_BOX")
    @GetMapping("/admin/consultations")
    List<Consultation> inbox(@RequestParam(required = false) String box) {
        return consultations.inbox(currentUser(), ConsultationBox.parse(box));
    }

    @Operation(summary = "Assign a conversation", description = "To `staffId`, or to the caller when it is left out.")
    @Rejects(status = 404, codes = {"CONSULTATION_NOT_FOUND", "USER_NOT_FOUND"})
    @Rejects(status = 422, codes = "NOT_STAFF")
    @PostMapping("/admin/consultations/{id}/assign")
    ConsultationThread assign(@PathVariable String id, @RequestBody(required = false) Assign body) {
        return consultations.assign(id, currentUser(), body == null ? null : body.staffId());
    }

    @Operation(summary = "Answer a conversation", description = "`text`, and optionally `materialId` (an id or the "
            + "link to a material's page), shown to the asker as the material's title and link. Takes an unassigned "
            + "conversation; tells a signed-in asker in the bell and a visitor by e-mail.")
    @Rejects(status = 404, codes = "CONSULTATION_NOT_FOUND")
    @Rejects(status = 422, codes = {"TEXT_REQUIRED", "TEXT_TOO_LONG", "INVALID_MATERIAL", "MATERIAL_NOT_FOUND"})
    @PostMapping("/admin/consultations/{id}/answer")
    ConsultationThread answer(@PathVariable String id, @RequestBody(required = false) Answer body) {
        return consultations.answer(id, currentUser(), body == null ? null : body.text(),
                body == null ? null : body.materialId());
    }

    @Operation(summary = "Close a conversation", description = "Closing a closed one changes nothing; the asker's "
            + "next message opens it again.")
    @Rejects(status = 404, codes = "CONSULTATION_NOT_FOUND")
    @PostMapping("/admin/consultations/{id}/close")
    ConsultationThread close(@PathVariable String id) {
        return consultations.close(id, currentUser());
    }

    @Operation(summary = "The canned replies (常用回复)", description = "By title.")
    @GetMapping("/admin/canned-replies")
    List<CannedReply> cannedReplies() {
        return canned.all();
    }

    @Operation(summary = "Add a canned reply", description = "`title` (at most 100 characters) and `text`.")
    @Rejects(status = 422, codes = {"TITLE_REQUIRED", "TITLE_TOO_LONG", "TEXT_REQUIRED", "TEXT_TOO_LONG"})
    @PostMapping("/admin/canned-replies")
    @ResponseStatus(HttpStatus.CREATED)
    CannedReply addCannedReply(@RequestBody(required = false) CannedReplyBody body) {
        return canned.create(currentUser(), body == null ? null : body.title(), body == null ? null : body.text());
    }

    @Operation(summary = "Change a canned reply")
    @Rejects(status = 404, codes = "CANNED_REPLY_NOT_FOUND")
    @Rejects(status = 422, codes = {"TITLE_REQUIRED", "TITLE_TOO_LONG", "TEXT_REQUIRED", "TEXT_TOO_LONG"})
    @PutMapping("/admin/canned-replies/{id}")
    CannedReply changeCannedReply(@PathVariable String id, @RequestBody(required = false) CannedReplyBody body) {
        return canned.update(id, currentUser(), body == null ? null : body.title(), body == null ? null : body.text());
    }

    @Operation(summary = "Delete a canned reply")
    @Rejects(status = 404, codes = "CANNED_REPLY_NOT_FOUND")
    @DeleteMapping("/admin/canned-replies/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteCannedReply(@PathVariable String id) {
        canned.delete(id);
    }

    /** The signed-in caller, or null for a visitor. */
    private static String currentUser() {
        return AccountPrincipal.currentUserId().orElse(null);
    }
}
