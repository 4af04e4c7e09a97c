package org.scriptorium.community;

import java.time.Clock;
import java.util.List;
import org.scriptorium.common.Ids;
import org.scriptorium.common.Rejected;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** 常用回复: the answers to frequent questions that staff keep and insert into an answer. */
@Service
public class CannedReplyBook {

    static final int MAX_TITLE = 100;

    private final ConsultationRepository repository;
    private final Clock clock;

    CannedReplyBook(ConsultationRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** Every canned reply, by title. */
    public List<CannedReply> all() {
        return repository.cannedReplies();
    }

    /** @throws Rejected 404 {@code CANNED_REPLY_NOT_FOUND} */
    public CannedReply get(String id) {
        return repository.cannedReply(id == null ? "" : id).orElseThrow(CannedReplyBook::notFound);
    }

    /**
     * Adds a canned reply.
     *
     * @throws Rejected 422 {@code TITLE_REQUIRED}, {@code TITLE_TOO_LONG}, and for the text as an answer's
     */
    @Transactional
    public CannedReply create(String staffId, String title, String text) {
        CannedReply reply = new CannedReply(Ids.newId(), title(title), ConsultationInput.text(text), clock.instant());
        repository.putCannedReply(reply, staffId, true);
        return reply;
    }

    /** Replaces a canned reply's title and text. @throws Rejected 404 as {@link #get}, 422 as {@link #create} */
    @Transactional
    public CannedReply update(String id, String staffId, String title, String text) {
        get(id);
        CannedReply reply = new CannedReply(id, title(title), ConsultationInput.text(text), clock.instant());
        repository.putCannedReply(reply, staffId, false);
        return reply;
    }

    /** @throws Rejected 404 as {@link #get} */
    @Transactional
    public void delete(String id) {
        if (!repository.deleteCannedReply(id)) {
            throw notFound();
        }
    }

    private static String title(String title) {
        if (title == null || title.isBlank()) {
            throw Rejected.ofField(422, "TITLE_REQUIRED", "title", "请给常用回复起个标题。", "Give the canned reply a title.");
        }
        String clean = title.strip();
        if (clean.length() > MAX_TITLE) {
            throw Rejected.ofField(422, "TITLE_TOO_LONG", "title", "标题最多 " + MAX_TITLE + " 个字。",
                    "The title may be at most " + MAX_TITLE + " characters.");
        }
        return clean;
    }

    private static Rejected notFound() {
        return Rejected.notFound("CANNED_REPLY_NOT_FOUND", "常用回复不存在。", "No such canned reply.");
    }
}
