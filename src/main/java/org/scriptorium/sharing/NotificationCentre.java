package org.scriptorium.sharing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.scriptorium.common.Rejected;
import org.scriptorium.library.Material;
import org.scriptorium.library.MaterialAccess;
import org.scriptorium.library.Materials;
import org.scriptorium.membership.Access;
import org.springframework.stereotype.Service;

/**
 * A member's notifications: the bell on every page and its list. They are the rows of the event log this member is
 * told of (their own notices, and the publications they may see and follow), newest first; "read" is a cursor, the
 * last event id the member marked read. The kinds and topics they follow are kept here too.
 */
@Service
public class NotificationCentre {

    /** How far back the centre looks; older news is not news. */
    private static final int SCAN = 300;

    /** One line of the list: what to say, where it leads, and whether it is new. */
    public record Item(long id, SharingEvent.Type type, String text, String detail, String link, Instant at,
                       boolean unread) {
    }

    /** The bell: unread count (at most {@link #SCAN}) and the newest items. */
    public record Bell(int unread, List<Item> items) {
    }

    private final EventLog eventLog;
    private final FollowRepository repository;
    private final Materials materials;
    private final MaterialAccess access;
    private final Viewers viewers;
    private final Clock clock;

    NotificationCentre(EventLog eventLog, FollowRepository repository, Materials materials, MaterialAccess access,
                       Viewers viewers, Clock clock) {
        this.eventLog = eventLog;
        this.repository = repository;
        this.materials = materials;
        this.access = access;
        this.viewers = viewers;
        this.clock = clock;
    }

    /**
     * The user's bell with at most {@code limit} items. The first time a user is shown the bell, everything before is
     * taken as read: a new member does not start with a page of old news.
     */
    public Bell bell(String userId, int limit) {
        Long cursor = repository.readThrough(userId);
        if (cursor == null) {
            long last = eventLog.lastId();
            repository.readThrough(userId, last);
            cursor = last;
        }
        List<SharingEvent> rows = eventLog.newestForUser(userId, clock.instant(), SCAN);
        Map<String, Material> byId = new HashMap<>();
        List<String> ids = rows.stream().map(SharingEvent::materialId).filter(id -> id != null).distinct().toList();
        if (!ids.isEmpty()) {
            materials.findAll(ids).forEach(m -> byId.put(m.id(), m));
        }
        Viewers.Viewer viewer = viewers.get(userId);
        Set<String> seen = new HashSet<>();
        List<Item> items = new ArrayList<>();
        int unread = 0;
        for (SharingEvent event : rows) {
            Material material = event.materialId() == null ? null : byId.get(event.materialId());
            Access materialAccess = material == null ? null : access.access(material, viewer.reader());
            if (!Audience.tells(event, userId, material, materialAccess, viewer.follows())) {
                continue;
            }
            // A reader who follows a material and received it hears of its revision twice in the log: say it once.
            String key = event.type() + "/" + event.materialId() + "/" + event.revision() + "/" + event.requestId()
                    + "/" + event.reportId() + "/" + event.messageId();
            if (event.type() == SharingEvent.Type.CONSULTATION_ANSWERED
                    || event.type() == SharingEvent.Type.CONSULTATION_WAITING) {
                key += "/" + event.note(); // one line per conversation (the note is its id), not one for all
            }
            if (!seen.add(key)) {
                continue;
            }
            boolean isNew = event.id() > cursor;
            if (isNew) {
                unread++;
            }
            if (items.size() < limit) {
                items.add(item(event, material, isNew));
            }
        }
        return new Bell(unread, items);
    }

    /** Marks everything up to now as read. */
    public void markAllRead(String userId) {
        repository.readThrough(userId, eventLog.lastId());
    }

    /** What the user follows; following nothing means every publication. */
    public Follows follows(String userId) {
        return repository.follows(userId);
    }

    /**
     * Replaces what the user follows; labels are trimmed and blank ones dropped.
     *
     * @throws Rejected 400 {@code OUT_OF_RANGE} for more than {@value #MAX_FOLLOWS} kinds or topics, 400
     *                  {@code INVALID_FIELD} for a label over {@value #MAX_LABEL} characters: refused, never cut
     */
    public Follows follow(String userId, List<String> kinds, List<String> topics) {
        Follows follows = new Follows(clean("kinds", kinds), clean("topics", topics));
        repository.replace(userId, follows);
        viewers.forget(userId);
        return follows;
    }

    static final int MAX_FOLLOWS = 50;
    static final int MAX_LABEL = 100;

    private static Set<String> clean(String field, List<String> labels) {
        Set<String> out = new TreeSet<>();
        if (labels == null) {
            return out;
        }
        if (labels.size() > MAX_FOLLOWS) {
            throw Rejected.ofField(400, "OUT_OF_RANGE", field, field + " 最多 " + MAX_FOLLOWS + " 项（收到 " + labels.size() + " 项）。",
                    field + " may list at most " + MAX_FOLLOWS + " (got " + labels.size() + ").");
        }
        for (String label : labels) {
            if (label == null || label.isBlank()) {
                continue;
            }
            if (label.strip().length() > MAX_LABEL) {
                throw Rejected.ofField(400, "INVALID_FIELD", field, field + " 中的每一项最多 " + MAX_LABEL + " 个字符。",
                        "Each of " + field + " may be at most " + MAX_LABEL + " characters long.");
            }
            out.add(label.strip());
        }
        return out;
    }

    private static Item item(SharingEvent event, Material material, boolean unread) {
        String title = material == null ? "" : "《" + material.title() + "》";
        String materialLink = material == null ? null : "/materials/" + material.id();
        return switch (event.type()) {
            case MATERIAL_PUBLISHED -> new Item(event.id(), event.type(), "新资料：" + title,
                    material == null ? null : material.kind(), materialLink, event.visibleAt(), unread);
            case MATERIAL_REVISED -> new Item(event.id(), event.type(),
                    (event.broadcast() ? "资料已修订：" : "您读过的资料有新修订：") + title,
                    "第 " + event.revision() + " 版：" + (event.note() == null ? "" : event.note()),
                    materialLink, event.visibleAt(), unread);
            case REQUEST_PLANNED -> new Item(event.id(), event.type(), "您提出或支持的需求已列入写作计划", null,
                    "/requests/" + event.requestId(), event.visibleAt(), unread);
            case REQUEST_FULFILLED -> new Item(event.id(), event.type(), "您提出或支持的需求已有资料：" + title, null,
                    "/requests/" + event.requestId(), event.visibleAt(), unread);
            case REPORT_DECIDED -> new Item(event.id(), event.type(), "您的举报已有处理结果", null, "/me/reports",
                    event.visibleAt(), unread);
            // Issue 16, consultation.
            case CONSULTATION_ANSWERED -> new Item(event.id(), event.type(), "运营方回复了您的咨询", null,
                    "/me/consultations", event.visibleAt(), unread);
            case CONSULTATION_WAITING -> new Item(event.id(), event.type(), "有咨询等待回复", null,
                    "/admin/consultations/" + event.note(), event.visibleAt(), unread);
            // Issue 16, buying and renewal:
            case MEMBERSHIP_ENDING -> new Item(event.id(), event.type(), "您的会员将于 " + event.note() + " 到期",
                    "会员期内兑换新的激活码，有效期自动顺延", "/me", event.visibleAt(), unread);
            // Issue 16, groups: a mention is a notice; messages themselves never reach the bell's list (EventLog).
            case GROUP_MENTION -> new Item(event.id(), event.type(), event.note() == null ? "有人在群聊中提到了您" : event.note(),
                    null, "/groups/" + event.groupId() + "#m-" + event.messageId(), event.visibleAt(), unread);
            case GROUP_MESSAGE, GROUP_MESSAGE_HIDDEN -> new Item(event.id(), event.type(), "群聊新消息", null,
                    "/groups/" + event.groupId(), event.visibleAt(), unread);
        };
    }
}
