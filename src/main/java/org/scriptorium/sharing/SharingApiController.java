package org.scriptorium.sharing;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.scriptorium.account.AccountPrincipal;
import org.scriptorium.common.Rejected;
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
    @GetMapping("/events/ticket")
    StreamAddress streamAddress(HttpServletRequest request) {
        AccountPrincipal me = AccountPrincipal.current().orElseThrow(SharingApiController::notSignedIn);
        return new StreamAddress(streamPort.urlFor(me.userId(), me.authenticatedAt(), request.getServerName(),
                request.isSecure()).orElse(null));
    }

    @GetMapping("/notifications")
    NotificationCentre.Bell notifications(@RequestParam(defaultValue = "20") int limit) {
        return centre.bell(currentUser(), Math.clamp(limit, 1, 100));
    }

    @PostMapping("/notifications/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void markRead() {
        centre.markAllRead(currentUser());
    }

    @GetMapping("/me/follows")
    Follows follows() {
        return centre.follows(currentUser());
    }

    @PutMapping("/me/follows")
    Follows follow(@RequestBody FollowsBody body) {
        return centre.follow(currentUser(), body.kinds(), body.topics());
    }

    @PostMapping("/requests")
    @ResponseStatus(HttpStatus.CREATED)
    Posted post(@RequestBody NewRequest body) {
        return new Posted(board.post(currentUser(), body.title(), body.detail()));
    }

    @GetMapping("/requests")
    List<RequestBoard.Seen> requests(@RequestParam(required = false) RequestBoard.Status status,
                                     @RequestParam(defaultValue = "100") int limit) {
        return board.list(currentUser(), status, limit);
    }

    @GetMapping("/requests/{id}")
    RequestBoard.Seen request(@PathVariable String id) {
        return board.seen(id, currentUser());
    }

    @GetMapping("/requests/{id}/comments")
    List<RequestBoard.Comment> comments(@PathVariable String id) {
        board.get(id);
        return board.comments(id);
    }

    @PostMapping("/requests/{id}/comments")
    @ResponseStatus(HttpStatus.CREATED)
    RequestBoard.Comment comment(@PathVariable String id, @RequestBody CommentBody body) {
        return board.comment(id, currentUser(), body.text());
    }

    record CommentBody(String text) {
    }

    @PostMapping("/requests/{id}/vote")
    RequestBoard.MaterialRequest vote(@PathVariable String id) {
        return board.vote(id, currentUser());
    }

    @DeleteMapping("/requests/{id}/vote")
    RequestBoard.MaterialRequest unvote(@PathVariable String id) {
        return board.unvote(id, currentUser());
    }

    @PostMapping("/admin/requests/{id}/plan")
    RequestBoard.MaterialRequest plan(@PathVariable String id) {
        return board.plan(id, currentUser());
    }

    @PostMapping("/admin/requests/{id}/fulfil")
    RequestBoard.MaterialRequest fulfil(@PathVariable String id, @RequestBody FulfilBody body) {
        return board.fulfil(id, body.materialId(), currentUser());
    }

    @GetMapping("/admin/webhooks")
    List<Webhooks.Webhook> webhooks() {
        return webhooks.list();
    }

    @PostMapping("/admin/webhooks")
    @ResponseStatus(HttpStatus.CREATED)
    Webhooks.Webhook addWebhook(@RequestBody NewWebhook body) {
        return webhooks.add(body.url(), body.description(), currentUser());
    }

    @DeleteMapping("/admin/webhooks/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeWebhook(@PathVariable String id) {
        webhooks.remove(id);
    }

    @GetMapping("/admin/webhooks/{id}/deliveries")
    List<Webhooks.Attempt> deliveries(@PathVariable String id, @RequestParam(defaultValue = "100") int limit) {
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
