package org.scriptorium.sharing;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.scriptorium.account.AccountPrincipal;
import org.scriptorium.common.Rejected;
import org.scriptorium.common.Rejects;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Sharing in the JSON API: the live event stream, notifications, follows, the requests board and webhooks. */
@RestController
@RequestMapping("/api/v1")
class SharingApiController {

    private final LiveStreams streams;
    private final StreamServer streamPort;
    private final NotificationCentre centre;
    private final RequestBoard board;
    private final Webhooks webhooks;

    SharingApiController(LiveStreams streams, StreamServer streamPort, NotificationCentre centre, RequestBoard board,
                         Webhooks webhooks) {
        this.streams = streams;
        this.streamPort = streamPort;
        this.centre = centre;
        this.board = board;
        this.webhooks = webhooks;
    }

    /** Where the caller's browser should open its stream; null for this port's {@code /api/v1/events}. */
    record StreamAddress(String url) {
    }

    record FollowsBody(List<String> kinds, List<String> topics) {
    }

    record NewRequest(String title, String detail) {
    }

    record Posted(String requestId) {
    }

    record FulfilBody(String materialId) {
    }

    record NewWebhook(String url, String description) {
    }

    /**
     * The caller's events as server-sent events. A browser reconnecting sends {@code Last-Event-ID} and is sent what
     * it missed; a script may pass {@code ?after=<id>} instead.
     */
    @Operation(summary = "The caller's live events", description = "Server-sent events: publications and revisions the "
            + "caller may see, request and report outcomes. Each `data` is JSON with a `type` and the ids it concerns, "
            + "never member text. Reconnect with `Last-Event-ID` or `?after=<id>` to be sent what was missed.")
    @Rejects(status = 401, codes = "NOT_SIGNED_IN")
    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                      @RequestParam(required = false) Long after) {
        Long from = after;
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                from = Long.parseLong(lastEventId.strip());
            } catch (NumberFormatException ignored) {
                // not one of ours: start from now
            }
        }
        AccountPrincipal me = AccountPrincipal.current().orElseThrow(SharingApiController::notSignedIn);
        return streams.open(me.userId(), me.authenticatedAt(), from);
    }

    /**
     * The address of the caller's stream on the stream port, with a fresh ticket in it: what a page asks for when
     * its ticket expired.
     */
    @Operation(summary = "A fresh address of the caller's stream on the stream port", description = "`url` is null "
            + "when the stream port is off: use `/api/v1/events`.")
    @Rejects(status = 401, codes = "NOT_SIGNED_IN")
    @GetMapping("/events/ticket")
    StreamAddress streamAddress(HttpServletRequest request) {
        AccountPrincipal me = AccountPrincipal.current().orElseThrow(SharingApiController::notSignedIn);
        return new StreamAddress(streamPort.urlFor(me.userId(), me.authenticatedAt(), request.getServerName(),
                request.isSecure()).orElse(null));
    }

    @Operation(summary = "The caller's newest notifications and unread count")
    @GetMapping("/notifications")
    NotificationCentre.Bell notifications(@RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        return centre.bell(currentUser(), limit);
    }

    @Operation(summary = "Mark all the caller's notifications read")
    @PostMapping("/notifications/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void markRead() {
        centre.markAllRead(currentUser());
    }

    @Operation(summary = "The kinds and topics the caller follows")
    @GetMapping("/me/follows")
    Follows follows() {
        return centre.follows(currentUser());
    }

    @Operation(summary = "Choose the kinds and topics to be told of", description = "Following nothing means every "
            + "publication.")
    @PutMapping("/me/follows")
    Follows follow(@RequestBody FollowsBody body) {
        return centre.follow(currentUser(), body.kinds(), body.topics());
    }

    @Operation(summary = "Post a request for a material", description = "A title of 4–200 characters; at most 10 a day.")
    @Rejects(status = 422, codes = {"REQUEST_TITLE_INVALID", "REQUEST_DETAIL_TOO_LONG"})
    @Rejects(status = 403, codes = "ACCOUNT_SUSPENDED")
    @Rejects(status = 429, codes = "REQUEST_LIMIT")
    @PostMapping("/requests")
    @ResponseStatus(HttpStatus.CREATED)
    Posted post(@RequestBody NewRequest body) {
        return new Posted(board.post(currentUser(), body.title(), body.detail()));
    }

    @Operation(summary = "The requests board", description = "Open and planned requests by votes, then fulfilled ones.")
    @GetMapping("/requests")
    List<RequestBoard.Seen> requests(@RequestParam(required = false) RequestBoard.Status status,
                                     @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        return board.list(currentUser(), status, limit);
    }

    @Operation(summary = "One request")
    @Rejects(status = 404, codes = "REQUEST_NOT_FOUND")
    @GetMapping("/requests/{id}")
    RequestBoard.Seen request(@PathVariable String id) {
        return board.seen(id, currentUser());
    }

    @Operation(summary = "A request's comments")
    @Rejects(status = 404, codes = "REQUEST_NOT_FOUND")
    @GetMapping("/requests/{id}/comments")
    List<RequestBoard.Comment> comments(@PathVariable String id) {
        board.get(id);
        return board.comments(id);
    }

    @Operation(summary = "Comment on a request")
    @Rejects(status = 404, codes = "REQUEST_NOT_FOUND")
    @Rejects(status = 422, codes = "COMMENT_INVALID")
    @Rejects(status = 403, codes = "ACCOUNT_SUSPENDED")
    @PostMapping("/requests/{id}/comments")
    @ResponseStatus(HttpStatus.CREATED)
    RequestBoard.Comment comment(@PathVariable String id, @RequestBody CommentBody body) {
        return board.comment(id, currentUser(), body.text());
    }

    record CommentBody(String text) {
    }

    @Operation(summary = "Vote for a request")
    @Rejects(status = 404, codes = "REQUEST_NOT_FOUND")
    @Rejects(status = 409, codes = {"ALREADY_VOTED", "OWN_REQUEST", "REQUEST_CLOSED"})
    @Rejects(status = 403, codes = "ACCOUNT_SUSPENDED")
    @PostMapping("/requests/{id}/vote")
    RequestBoard.MaterialRequest vote(@PathVariable String id) {
        return board.vote(id, currentUser());
    }

    @Operation(summary = "Take back a vote")
    @Rejects(status = 404, codes = "REQUEST_NOT_FOUND")
    @DeleteMapping("/requests/{id}/vote")
    RequestBoard.MaterialRequest unvote(@PathVariable String id) {
        return board.unvote(id, currentUser());
    }

    @Operation(summary = "Plan a request", description = "Its author and voters are told.")
    @Rejects(status = 404, codes = "REQUEST_NOT_FOUND")
    @Rejects(status = 409, codes = "REQUEST_CLOSED")
    @PostMapping("/admin/requests/{id}/plan")
    RequestBoard.MaterialRequest plan(@PathVariable String id) {
        return board.plan(id, currentUser());
    }

    @Operation(summary = "Fulfil a request with a published material", description = "Its author and voters are told.")
    @Rejects(status = 404, codes = {"REQUEST_NOT_FOUND", "MATERIAL_NOT_FOUND"})
    @Rejects(status = 409, codes = "REQUEST_CLOSED")
    @Rejects(status = 422, codes = {"MATERIAL_REQUIRED", "MATERIAL_NOT_PUBLISHED"})
    @PostMapping("/admin/requests/{id}/fulfil")
    RequestBoard.MaterialRequest fulfil(@PathVariable String id, @RequestBody FulfilBody body) {
        return board.fulfil(id, body.materialId(), currentUser());
    }

    @Operation(summary = "The webhook endpoints")
    @GetMapping("/admin/webhooks")
    List<Webhooks.Webhook> webhooks() {
        return webhooks.list();
    }

    @Operation(summary = "Add a webhook endpoint", description = "Publications and revisions are POSTed to it, signed "
            + "with its secret (`X-Scriptorium-Signature`).")
    @Rejects(status = 422, codes = "WEBHOOK_URL_INVALID")
    @PostMapping("/admin/webhooks")
    @ResponseStatus(HttpStatus.CREATED)
    Webhooks.Webhook addWebhook(@RequestBody NewWebhook body) {
        return webhooks.add(body.url(), body.description(), currentUser());
    }

    @Operation(summary = "Remove a webhook endpoint", description = "What it still had pending is dropped.")
    @Rejects(status = 404, codes = "WEBHOOK_NOT_FOUND")
    @DeleteMapping("/admin/webhooks/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeWebhook(@PathVariable String id) {
        webhooks.remove(id);
    }

    @Operation(summary = "A webhook endpoint's delivery log")
    @Rejects(status = 404, codes = "WEBHOOK_NOT_FOUND")
    @GetMapping("/admin/webhooks/{id}/deliveries")
    List<Webhooks.Attempt> deliveries(@PathVariable String id,
                                      @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        webhooks.get(id);
        return webhooks.deliveries(id, limit);
    }

    private static String currentUser() {
        return AccountPrincipal.currentUserId().orElseThrow(SharingApiController::notSignedIn);
    }

    private static Rejected notSignedIn() {
        return new Rejected(401, "NOT_SIGNED_IN", "请先登录。", "Sign in first.");
    }
}
