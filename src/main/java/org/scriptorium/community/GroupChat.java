package org.scriptorium.community;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scriptorium.account.Account;
import org.scriptorium.account.Accounts;
import org.scriptorium.common.Ids;
import org.scriptorium.common.Rejected;
import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.reports.LeakGuard;
import org.scriptorium.sharing.GroupEvents;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The groups: reading and posting (with the access rule, mutes, the rate limit and the leak guard, in that order),
 * read cursors, reports, and staff's moderation. Every refusal is a {@link Rejected} with a stable code and changes
 * nothing.
 */
@Service
class GroupChat {

    static final int MAX_TEXT = 2000;
    static final int MAX_REASON = 500;
    private static final int EXCERPT = 40;
    private static final int MAX_MENTIONS = 5;
    /** Without a read cursor, only this much of a group's recent history counts as unread. */
    private static final Duration UNREAD_HORIZON = Duration.ofDays(7);
    private static final Pattern MENTION = Pattern.compile("@([\\p{L}\\p{N}_.\\-]{1,30})");

    /** What posting did. */
    sealed interface Posted {
        record Shown(MessageView message) implements Posted {
        }

        /** Kept back by the leak guard: nobody sees it; staff review the case. */
        record Held(String caseId) implements Posted {
        }
    }

    /** A group as its list shows it to one account. */
    record Listed(Group group, int unread) {
    }

    private final GroupRepository repository;
    private final GroupAccess access;
    private final Accounts accounts;
    private final LeakGuard leakGuard;
    private final GroupEvents events;
    private final ApplicationEventPublisher publisher;
    private final TransactionTemplate transaction;
    private final JsonMapper json;
    private final Clock clock;
    private final ZoneId zone;
    private final MessageRateRule rate;

    GroupChat(GroupRepository repository, GroupAccess access, Accounts accounts, LeakGuard leakGuard,
              GroupEvents events, ApplicationEventPublisher publisher, PlatformTransactionManager transactions,
              JsonMapper json, Clock clock, ScriptoriumProperties properties,
              @Value("${scriptorium.groups.messages-per-minute:10}") int perMinute) {
        this.repository = repository;
        this.access = access;
        this.accounts = accounts;
        this.leakGuard = leakGuard;
        this.events = events;
        this.publisher = publisher;
        this.transaction = new TransactionTemplate(transactions);
        this.json = json;
        this.clock = clock;
        this.zone = properties.zone();
        this.rate = new MessageRateRule(perMinute, Duration.ofMinutes(1));
    }

    // --- reading ---

    /** The groups the account may enter, with its unread count in each. */
    List<Listed> groupsFor(String userId) {
        access.forget(userId); // read once afresh: a code redeemed a moment ago opens the members' groups at once
        List<Group> open = access.groups().values().stream()
                .filter(g -> access.verdict(userId, g) == GroupAccessRule.Verdict.OPEN).toList();
        Map<String, Integer> unread = repository.unread(userId, open.stream().map(Group::id).toList(),
                clock.instant().minus(UNREAD_HORIZON));
        return open.stream().map(g -> new Listed(g, unread.getOrDefault(g.id(), 0))).toList();
    }

    /** Unread messages over every group the account may enter (the bell and the header). */
    int unreadTotal(String userId) {
        List<String> open = access.groups().values().stream()
                .filter(g -> access.verdict(userId, g) == GroupAccessRule.Verdict.OPEN).map(Group::id).toList();
        return repository.unread(userId, open, clock.instant().minus(UNREAD_HORIZON)).values().stream()
                .mapToInt(Integer::intValue).sum();
    }

    /**
     * The group, if the account may enter it.
     *
     * @throws Rejected 404 {@code GROUP_NOT_FOUND}; 403 {@code GROUP_CLOSED} with the reason
     */
    Group enter(String userId, String groupId) {
        Group group = access.group(groupId).orElseThrow(GroupChat::noGroup);
        GroupAccessRule.Verdict verdict = access.verdictNow(userId, group);
        if (verdict != GroupAccessRule.Verdict.OPEN) {
            throw new Rejected(403, "GROUP_CLOSED", verdict.reason(), "You may not enter this group (" + verdict + ").")
                    .with("reason", verdict.name());
        }
        return group;
    }

    /** A page of history before {@code beforeId} (the newest when null), newest first, and whether there is more. */
    record Page(List<MessageView> messages, boolean more) {
    }

    Page history(String userId, String groupId, String beforeId, int limit) {
        Rejected.requireInRange("limit", limit, 1, 100);
        enter(userId, groupId);
        Long before = null;
        if (beforeId != null && !beforeId.isBlank()) {
            before = repository.message(beforeId).filter(m -> m.groupId().equals(groupId))
                    .orElseThrow(() -> Rejected.ofField(422, "MESSAGE_NOT_FOUND", "before", "没有这条消息。",
                            "No such message in this group."))
                    .seq();
        }
        List<StoredMessage> rows = repository.history(groupId, before, limit + 1);
        boolean more = rows.size() > limit;
        return new Page(views(more ? rows.subList(0, limit) : rows), more);
    }

    List<MessageView> pinned(String userId, String groupId) {
        enter(userId, groupId);
        return views(repository.pinned(groupId));
    }

    /** Marks the group read through this message (a cursor never moves back). */
    void read(String userId, String groupId, String throughId) {
        enter(userId, groupId);
        StoredMessage message = repository.message(throughId == null ? "" : throughId)
                .filter(m -> m.groupId().equals(groupId))
                .orElseThrow(() -> Rejected.ofField(422, "MESSAGE_NOT_FOUND", "through", "没有这条消息。",
                        "No such message in this group."));
        repository.readThrough(groupId, userId, message.seq());
    }

    /** The picture of a message (or the group's QR image), for an account allowed in the group. */
    GroupRepository.Image image(String userId, String groupId, String imageId) {
        enter(userId, groupId);
        return repository.image(groupId, imageId).orElseThrow(() -> Rejected.notFound("IMAGE_NOT_FOUND", "没有这张图片。",
                "No such image."));
    }

    // --- posting ---

    /**
     * Posts a message: access, then the mute, then the rate limit, then the leak guard.
     *
     * @param upload an image as sent (cleaned here), or null
     * @param pin    pin it as an announcement (staff only)
     * @throws Rejected 403 {@code GROUP_CLOSED}, 403 {@code MUTED} (with {@code until} and {@code reason}),
     *                  429 {@code RATE_LIMITED}, 422 {@code EMPTY_MESSAGE} / {@code TEXT_TOO_LONG} / {@code REPLY_NOT_FOUND},
     *                  and the image's 413/415/422
     */
    Posted post(String userId, String groupId, String text, String replyTo, boolean pin, byte[] upload) {
        // Read first, so that a removal made on another node a moment ago closes the group below as well.
        Sanction sanction = access.sanctionNow(groupId, userId);
        Group group = enter(userId, groupId);
        String body = text == null ? "" : text.strip();
        if (body.length() > MAX_TEXT) {
            throw Rejected.ofField(422, "TEXT_TOO_LONG", "text", "消息最多 " + MAX_TEXT + " 个字（收到 " + body.length() + " 个）。",
                    "A message may be at most " + MAX_TEXT + " characters long.");
        }
        if (body.isEmpty() && upload == null) {
            throw Rejected.ofField(422, "EMPTY_MESSAGE", "text", "消息不能为空。", "A message needs text or an image.");
        }
        boolean staff = access.staff(userId);
        if (pin && !staff) {
            throw new Rejected(403, "STAFF_ONLY", "只有管理员可以发布置顶公告。", "Only staff may pin announcements.");
        }
        Instant now = clock.instant();
        if (!staff && sanction.mutedAt(now)) {
            throw muted(sanction);
        }
        // Before the image is decoded: a refused poster costs no decoding.
        ImageCleaner.Cleaned image = upload == null ? null : ImageCleaner.clean(upload);
        String reply = replyTo == null || replyTo.isBlank() ? null : replyTo.strip();
        return transaction.execute(status -> {
            if (!staff) {
                accounts.lockForUpdate(userId); // one post of an account at a time, so the rate rule counts each
                Optional<Duration> wait = rate.wait(repository.latestBy(userId, rate.max()), clock.instant());
                if (wait.isPresent()) {
                    long seconds = Rejected.retryAfterSeconds(wait.get());
                    throw Rejected.tooMany("RATE_LIMITED", "发言太频繁：每分钟最多 " + rate.max() + " 条，请 " + seconds
                                    + " 秒后再发。", "Too many messages: at most " + rate.max() + " a minute; try again in "
                                    + seconds + " seconds.", wait.get());
                }
            }
            if (reply != null && repository.message(reply).filter(m -> m.groupId().equals(groupId)
                    && m.status() == StoredMessage.Status.SHOWN).isEmpty()) {
                throw Rejected.ofField(422, "REPLY_NOT_FOUND", "replyTo", "要回复的消息不存在或已被隐藏。",
                        "The message replied to does not exist or was hidden.");
            }
            String id = Ids.newId();
            LeakGuard.Verdict verdict = body.isEmpty() ? new LeakGuard.Verdict.Clear()
                    : leakGuard.inspect(userId, body, group.kind().label() + "「" + group.name() + "」 message " + id);
            String imageId = null;
            if (image != null) {
                imageId = Ids.newId();
                repository.insertImage(imageId, groupId, image, now);
            }
            if (verdict instanceof LeakGuard.Verdict.Held held) {
                repository.insertMessage(id, groupId, userId, body, reply, List.of(), imageId, false,
                        StoredMessage.Status.HELD, held.caseId(), now);
                return new Posted.Held(held.caseId());
            }
            List<Account> mentioned = mentions(body, userId);
            long seq = repository.insertMessage(id, groupId, userId, body, reply,
                    mentioned.stream().map(Account::id).toList(), imageId, pin, StoredMessage.Status.SHOWN, null, now);
            repository.readThrough(groupId, userId, seq);
            MessageView view = views(List.of(repository.message(id).orElseThrow())).getFirst();
            events.posted(groupId, id, json.writeValueAsString(view));
            String author = view.author().name();
            mentioned.forEach(staffMember -> events.mentioned(staffMember.id(), groupId, id,
                    author + " 在「" + group.name() + "」中提到了您：" + excerpt(body)));
            return new Posted.Shown(view);
        });
    }

    /** The staff members named as {@code @显示名} in the text (not the author), at most {@link #MAX_MENTIONS}. */
    private List<Account> mentions(String body, String authorId) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = MENTION.matcher(body);
        while (m.find() && names.size() < MAX_MENTIONS) {
            names.add(m.group(1));
        }
        List<Account> found = new ArrayList<>();
        for (String name : names) {
            accounts.search(name, 20).stream()
                    .filter(a -> a.staff() && name.equals(a.displayName()) && !a.id().equals(authorId))
                    .filter(a -> found.stream().noneMatch(f -> f.id().equals(a.id())))
                    .findFirst().ifPresent(found::add);
        }
        return found;
    }

    /** A member reports a message to staff; reporting it again changes nothing. */
    void report(String userId, String groupId, String messageId, String reason) {
        enter(userId, groupId);
        String why = reason(reason);
        repository.message(messageId).filter(m -> m.groupId().equals(groupId) && m.status() == StoredMessage.Status.SHOWN)
                .orElseThrow(GroupChat::noMessage);
        repository.insertReport(Ids.newId(), messageId, userId, why, clock.instant());
    }

    // --- staff ---

    Group create(String actorId, String name, GroupKind kind, String description, String externalLabel,
                 String externalNumber) {
        Group group = new Group(Ids.newId(), name(name), kind(kind), optional("description", description, 500),
                optional("externalLabel", externalLabel, 60), optional("externalNumber", externalNumber, 60), null,
                clock.instant());
        repository.insertGroup(group, actorId);
        access.groupsChanged();
        return group;
    }

    Group edit(String groupId, String name, GroupKind kind, String description, String externalLabel,
               String externalNumber) {
        Group old = repository.group(groupId).orElseThrow(GroupChat::noGroup);
        Group group = new Group(old.id(), name(name), kind(kind), optional("description", description, 500),
                optional("externalLabel", externalLabel, 60), optional("externalNumber", externalNumber, 60),
                old.qrImageId(), old.createdAt());
        repository.updateGroup(group, clock.instant());
        access.groupsChanged();
        return group;
    }

    /** Attaches the external group's QR image (cleaned like any picture). */
    Group attachQr(String groupId, byte[] upload) {
        Group old = repository.group(groupId).orElseThrow(GroupChat::noGroup);
        ImageCleaner.Cleaned image = ImageCleaner.clean(upload);
        return transaction.execute(status -> {
            String imageId = Ids.newId();
            repository.insertImage(imageId, groupId, image, clock.instant());
            Group group = new Group(old.id(), old.name(), old.kind(), old.description(), old.externalLabel(),
                    old.externalNumber(), imageId, old.createdAt());
            repository.updateGroup(group, clock.instant());
            access.groupsChanged();
            return group;
        });
    }

    List<Group> allGroups() {
        return repository.groups();
    }

    /** Hides a shown message from everyone, with the reason kept in the audit log; open pages remove it. */
    void hide(String actorId, String groupId, String messageId, String reason) {
        String why = reason(reason);
        Group group = repository.group(groupId).orElseThrow(GroupChat::noGroup);
        StoredMessage message = repository.message(messageId).filter(m -> m.groupId().equals(groupId))
                .orElseThrow(GroupChat::noMessage);
        transaction.executeWithoutResult(status -> {
            if (!repository.hide(messageId, actorId, why)) {
                return; // hidden already (or held): nothing more to do
            }
            repository.closeReports(messageId, null, clock.instant());
            events.hidden(groupId, messageId);
            publisher.publishEvent(new GroupModeration.MessageHidden(actorId, group.name(), messageId,
                    message.authorId(), why));
        });
    }

    void pin(String groupId, String messageId, boolean pinned) {
        repository.message(messageId).filter(m -> m.groupId().equals(groupId)).orElseThrow(GroupChat::noMessage);
        repository.pin(messageId, pinned);
    }

    /** Mutes a member in the group for {@code minutes}; they are told the reason and until when. */
    Sanction mute(String actorId, String groupId, String userId, int minutes, String reason) {
        Rejected.requireInRange("minutes", minutes, 1, 365 * 24 * 60);
        String why = reason(reason);
        Group group = sanctionable(groupId, userId);
        Instant now = clock.instant();
        Sanction sanction = access.sanction(groupId, userId).mute(now, Duration.ofMinutes(minutes), why);
        transaction.executeWithoutResult(status -> {
            repository.saveSanction(groupId, userId, sanction, actorId, now);
            publisher.publishEvent(new GroupModeration.MemberMuted(actorId, group.name(), userId, sanction.mutedUntil(), why));
        });
        access.sanctionsChanged(groupId);
        return sanction;
    }

    /** Removes a member from the group: it is closed to them, read and write, at once. */
    void remove(String actorId, String groupId, String userId, String reason) {
        String why = reason(reason);
        Group group = sanctionable(groupId, userId);
        Sanction old = access.sanction(groupId, userId);
        Instant now = clock.instant();
        transaction.executeWithoutResult(status -> {
            repository.saveSanction(groupId, userId, new Sanction(old.mutedUntil(), old.muteReason(), true, why), actorId, now);
            publisher.publishEvent(new GroupModeration.MemberRemoved(actorId, group.name(), userId, why));
        });
        access.sanctionsChanged(groupId);
    }

    /** Lifts a member's mute and removal in the group. */
    void lift(String actorId, String groupId, String userId) {
        Group group = sanctionable(groupId, userId);
        transaction.executeWithoutResult(status -> {
            repository.saveSanction(groupId, userId, Sanction.NONE, actorId, clock.instant());
            publisher.publishEvent(new GroupModeration.SanctionLifted(actorId, group.name(), userId));
        });
        access.sanctionsChanged(groupId);
    }

    /** What staff review in a group: held and hidden messages. */
    record Moderation(List<Held> held, List<Hidden> hidden) {
        record Held(MessageView message, String caseId) {
        }

        record Hidden(MessageView message, String hiddenBy, String reason) {
        }
    }

    Moderation moderation(String groupId) {
        repository.group(groupId).orElseThrow(GroupChat::noGroup);
        List<StoredMessage> held = repository.withStatus(groupId, StoredMessage.Status.HELD, 50);
        List<StoredMessage> hidden = repository.withStatus(groupId, StoredMessage.Status.HIDDEN, 50);
        List<MessageView> heldViews = views(held);
        List<MessageView> hiddenViews = views(hidden);
        List<Moderation.Held> h = new ArrayList<>();
        for (int i = 0; i < held.size(); i++) {
            h.add(new Moderation.Held(heldViews.get(i), held.get(i).heldCaseId()));
        }
        List<Moderation.Hidden> d = new ArrayList<>();
        for (int i = 0; i < hidden.size(); i++) {
            d.add(new Moderation.Hidden(hiddenViews.get(i), hidden.get(i).hiddenBy(), hidden.get(i).hiddenReason()));
        }
        return new Moderation(h, d);
    }

    /** A member's open report with the message it concerns. */
    record OpenReport(GroupRepository.Report report, MessageView message, String reporter) {
    }

    List<OpenReport> openReports() {
        List<GroupRepository.Report> reports = repository.openReports(100);
        Map<String, MessageView> byId = new HashMap<>();
        views(repository.messages(reports.stream().map(GroupRepository.Report::messageId).distinct().toList()))
                .forEach(v -> byId.put(v.id(), v));
        return reports.stream().map(r -> new OpenReport(r, byId.get(r.messageId()),
                accounts.find(r.reporterId()).map(Account::displayName).orElse(r.reporterId()))).toList();
    }

    void closeReport(String reportId) {
        repository.closeReports(null, reportId, clock.instant());
    }

    /** The account an e-mail address or id names, for staff's forms. */
    Optional<Account> account(String emailOrId) {
        if (emailOrId == null || emailOrId.isBlank()) {
            return Optional.empty();
        }
        String key = emailOrId.strip();
        return key.contains("@") ? accounts.findByEmail(key) : accounts.find(key);
    }

    // --- views ---

    /** The messages as shown, in the same order, with their authors, replies, mentions and images. */
    List<MessageView> views(List<StoredMessage> messages) {
        Map<String, Optional<Account>> people = new HashMap<>();
        Map<String, StoredMessage> replies = new HashMap<>();
        repository.messages(messages.stream().map(StoredMessage::replyTo).filter(r -> r != null).distinct().toList())
                .forEach(r -> replies.put(r.id(), r));
        Map<String, int[]> sizes = repository.imageSizes(
                messages.stream().map(StoredMessage::imageId).filter(i -> i != null).distinct().toList());
        List<MessageView> views = new ArrayList<>(messages.size());
        for (StoredMessage m : messages) {
            Optional<Account> author = people.computeIfAbsent(m.authorId(), accounts::find);
            MessageView.ReplyTo reply = null;
            StoredMessage answered = m.replyTo() == null ? null : replies.get(m.replyTo());
            if (answered != null) {
                boolean shown = answered.status() == StoredMessage.Status.SHOWN;
                reply = new MessageView.ReplyTo(answered.id(),
                        people.computeIfAbsent(answered.authorId(), accounts::find).map(Account::displayName).orElse(""),
                        shown ? excerpt(answered.text().isEmpty() ? "[图片]" : answered.text()) : "[消息已隐藏]");
            }
            List<MessageView.Person> mentions = m.mentions().stream()
                    .map(id -> new MessageView.Person(id,
                            people.computeIfAbsent(id, accounts::find).map(Account::displayName).orElse("")))
                    .toList();
            int[] size = m.imageId() == null ? null : sizes.get(m.imageId());
            MessageView.ImageRef image = size == null ? null : new MessageView.ImageRef(
                    "/api/v1/groups/" + m.groupId() + "/images/" + m.imageId(), size[0], size[1]);
            views.add(new MessageView(m.id(), m.groupId(),
                    new MessageView.Author(m.authorId(), author.map(Account::displayName).orElse("已注销用户"),
                            author.map(Account::staff).orElse(false)),
                    m.text(), reply, mentions, image, m.pinned(), m.createdAt()));
        }
        return views;
    }

    // --- helpers ---

    private Group sanctionable(String groupId, String userId) {
        Group group = repository.group(groupId).orElseThrow(GroupChat::noGroup);
        if (userId == null || accounts.find(userId).isEmpty()) {
            throw Rejected.ofField(422, "USER_NOT_FOUND", "userId", "没有这个用户。", "No such user.");
        }
        if (access.staff(userId)) {
            throw Rejected.ofField(422, "STAFF_NOT_SANCTIONED", "userId", "不能对管理员禁言或移出。",
                    "Staff cannot be muted or removed.");
        }
        return group;
    }

    private Rejected muted(Sanction sanction) {
        String until = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone).format(sanction.mutedUntil());
        return new Rejected(403, "MUTED", "您在本群已被禁言至 " + until + "，原因：" + sanction.muteReason() + "。",
                "You are muted in this group until " + sanction.mutedUntil() + ": " + sanction.muteReason())
                .with("until", sanction.mutedUntil().toString()).with("reason", sanction.muteReason());
    }

    private static String excerpt(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= EXCERPT ? flat : flat.substring(0, EXCERPT) + "…";
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw Rejected.ofField(422, "REASON_REQUIRED", "reason", "请写明原因。", "A reason is required.");
        }
        if (reason.strip().length() > MAX_REASON) {
            throw Rejected.ofField(422, "INVALID_FIELD", "reason", "原因最多 " + MAX_REASON + " 个字。",
                    "A reason may be at most " + MAX_REASON + " characters long.");
        }
        return reason.strip();
    }

    private static String name(String name) {
        if (name == null || name.isBlank() || name.strip().length() > 60) {
            throw Rejected.ofField(422, "INVALID_FIELD", "name", "群名称须为 1 到 60 个字。",
                    "A group's name must be 1 to 60 characters long.");
        }
        return name.strip();
    }

    private static GroupKind kind(GroupKind kind) {
        if (kind == null) {
            throw Rejected.ofField(422, "INVALID_FIELD", "kind", "请选择群的类型：MEMBERS（会员群）或 FREE（免费群）。",
                    "kind must be MEMBERS or FREE.");
        }
        return kind;
    }

    private static String optional(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.strip().length() > max) {
            throw Rejected.ofField(422, "INVALID_FIELD", field, field + " 最多 " + max + " 个字。",
                    field + " may be at most " + max + " characters long.");
        }
        return value.strip();
    }

    private static Rejected noGroup() {
        return Rejected.notFound("GROUP_NOT_FOUND", "没有这个群。", "No such group.");
    }

    private static Rejected noMessage() {
        return Rejected.notFound("MESSAGE_NOT_FOUND", "没有这条消息。", "No such message.");
    }
}
