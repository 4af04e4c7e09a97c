package org.scriptorium.community;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scriptorium.account.Account;
import org.scriptorium.account.Accounts;
import org.scriptorium.common.AttemptLimit;
import org.scriptorium.common.Ids;
import org.scriptorium.common.Rejected;
import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.common.Secrets;
import org.scriptorium.library.Material;
import org.scriptorium.library.Materials;
import org.scriptorium.mail.Letter;
import org.scriptorium.mail.MailOutbox;
import org.scriptorium.sharing.ConsultationAnswered;
import org.scriptorium.sharing.ConsultationWaiting;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Consultation (咨询): a signed-in user, or a visitor who leaves an e-mail address, writes to the operator; staff take
 * the conversation from the inbox, answer (with a material's link if it helps) and close it; the asker's next message
 * opens it again. A signed-in asker is told of an answer in the bell, a visitor by e-mail with the link to the
 * conversation. A suspended account may still write: this is where it asks why.
 */
@Service
public class Consultations {

    static final String VISITOR = "访客";
    private static final Duration HOUR = Duration.ofHours(1);
    private static final int LIST_LIMIT = 200;

    /** A conversation just opened; {@code visitorLink} is the visitor's link (a path), shown once, null for an account. */
    public record Asked(String id, String visitorLink) {
    }

    private final ConsultationRepository repository;
    private final Accounts accounts;
    private final Materials materials;
    private final MailOutbox mail;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final ConsultationToken tokens;
    private final String siteName;
    private final String publicUrl;
    private final AttemptLimit perAddress;
    private final AttemptLimit perEmail;
    private final AttemptLimit perAccount;
    private final AttemptLimit messages;

    Consultations(ConsultationRepository repository, Accounts accounts, Materials materials, MailOutbox mail,
                  ApplicationEventPublisher events, Clock clock, JdbcClient jdbc,
                  PlatformTransactionManager transactions, ScriptoriumProperties scriptorium,
                  ConsultationProperties limits, @Value("${scriptorium.public-url:}") String publicUrl) {
        this.repository = repository;
        this.accounts = accounts;
        this.materials = materials;
        this.mail = mail;
        this.events = events;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.tokens = new ConsultationToken(Secrets.loadOrCreate(jdbc, clock, "consultation_link_key"));
        this.siteName = scriptorium.siteName();
        this.publicUrl = publicUrl == null ? "" : publicUrl.strip().replaceAll("/+$", "");
        this.perAddress = new AttemptLimit(jdbc, transactions, clock, "consult-address", limits.visitorPerAddress(), HOUR);
        this.perEmail = new AttemptLimit(jdbc, transactions, clock, "consult-email", limits.visitorPerEmail(), HOUR);
        this.perAccount = new AttemptLimit(jdbc, transactions, clock, "consult-account", limits.accountPerHour(), HOUR);
        this.messages = new AttemptLimit(jdbc, transactions, clock, "consult-message", limits.messagesPerHour(), HOUR);
    }

    /**
     * Opens a conversation. A visitor ({@code userId} null) is sent the link to it by e-mail, and it is returned to be
     * shown once.
     *
     * @param userId  the signed-in asker (suspended or not), or null for a visitor
     * @param email   the visitor's address for the answer; ignored for a signed-in asker
     * @param address the client's IP address, or null when unknown
     * @throws Rejected 422 {@code TEXT_REQUIRED}, {@code TEXT_TOO_LONG}, {@code SUBJECT_TOO_LONG},
     *                  {@code EMAIL_REQUIRED}, {@code INVALID_EMAIL}; 429 {@code CONSULTATION_LIMIT} beyond the
     *                  hourly limits (per account; for visitors per client address and per e-mail address)
     */
    public Asked ask(String userId, String email, String subject, String text, String address) {
        String cleanSubject = ConsultationInput.subject(subject);
        String cleanText = ConsultationInput.text(text);
        String visitorEmail = userId == null ? ConsultationInput.email(email) : null;
        if (userId != null) {
            accounts.get(userId);
            acquire(perAccount, userId);
        } else {
            String network = AttemptLimit.clientNetwork(address);
            acquire(perEmail, visitorEmail);
            if (network != null) {
                try {
                    acquire(perAddress, network);
                } catch (Rejected limited) {
                    perEmail.refund(visitorEmail);
                    throw limited;
                }
            }
        }
        Instant now = clock.instant();
        String id = Ids.newId();
        transaction.executeWithoutResult(status -> {
            repository.insert(new ConsultationRepository.Stored(id, userId, visitorEmail, cleanSubject,
                    Consultation.Status.OPEN, null, "ASKER", now, now));
            repository.insertMessage(id, new ConsultationRepository.StoredMessage(Ids.newId(), userId, false,
                    cleanText, null, now));
            events.publishEvent(new ConsultationWaiting(id, staffIds(null)));
            if (visitorEmail != null) {
                // Never the visitor's own words: a letter to any address someone typed must not carry their text.
                mail.queue(new Letter(visitorEmail, "您的咨询已收到 · " + siteName,
                        "您好：\n\n我们已收到您在" + siteName + "提交的咨询，运营方回复后会发邮件到这个地址。\n\n"
                                + "查看回复、继续留言，请打开：\n" + absolute(visitorLink(id)) + "\n\n"
                                + "这个链接就是您查看这次咨询的凭证，请不要转给他人。如果不是您本人提交的，请忽略本邮件。",
                        "CONSULTATION_RECEIVED"));
            }
        });
        return new Asked(id, visitorEmail == null ? null : visitorLink(id));
    }

    /**
     * A conversation as {@code userId} (null for a visitor) holding {@code token} (null without one) may read it.
     *
     * @throws Rejected 404 {@code CONSULTATION_NOT_FOUND} when there is none or the caller may not read it
     */
    public ConsultationThread thread(String id, String userId, String token) {
        ConsultationRepository.Stored stored = repository.find(id).orElseThrow(Consultations::notFound);
        if (!ConsultationAccess.mayRead(caller(userId, token), id, stored.askerId(), tokens)) {
            throw notFound();
        }
        return thread(stored);
    }

    /**
     * Adds the asker's message; a closed conversation opens again (back in its assignee's box, or unassigned).
     *
     * @throws Rejected 404 as {@link #thread}, also for staff who are not the asker (they answer instead); 422 for
     *                  the text as {@link #ask}; 429 {@code CONSULTATION_LIMIT} beyond the hourly limit
     */
    public ConsultationThread reply(String id, String userId, String token, String text) {
        ConsultationRepository.Stored stored = repository.find(id).orElseThrow(Consultations::notFound);
        if (!ConsultationAccess.isAsker(caller(userId, token), id, stored.askerId(), tokens)) {
            throw notFound();
        }
        String clean = ConsultationInput.text(text);
        // The asker writes, whoever is signed in: a visitor's link opened in a signed-in browser still writes as 访客.
        String askerId = stored.askerId();
        acquire(messages, askerId != null ? "u:" + askerId : "c:" + id);
        transaction.executeWithoutResult(status -> {
            ConsultationRepository.Stored locked = repository.lock(id).orElseThrow(Consultations::notFound);
            Instant now = clock.instant();
            repository.insertMessage(id, new ConsultationRepository.StoredMessage(Ids.newId(), askerId, false, clean,
                    null, now));
            repository.afterMessage(id, "ASKER", now);
            events.publishEvent(new ConsultationWaiting(id, staffIds(locked.assigneeId())));
        });
        return thread(repository.find(id).orElseThrow());
    }

    /** Who is told that a conversation waits: its assignee while still staff, else every staff member. */
    private List<String> staffIds(String assigneeId) {
        List<Account> staff = accounts.staff();
        if (assigneeId != null && staff.stream().anyMatch(a -> a.id().equals(assigneeId))) {
            return List.of(assigneeId);
        }
        return staff.stream().map(Account::id).toList();
    }

    /** The conversations {@code userId} opened, the latest first. */
    public List<Consultation> mine(String userId) {
        return views(repository.byAsker(userId, LIST_LIMIT));
    }

    /** One box of the staff inbox for {@code staffId}. */
    public List<Consultation> inbox(String staffId, ConsultationBox box) {
        return views(repository.inBox(box, staffId, LIST_LIMIT));
    }

    /** How many conversations each box holds for {@code staffId}. */
    public Map<ConsultationBox, Long> counts(String staffId) {
        return repository.counts(staffId);
    }

    /** The staff a conversation may be assigned to. */
    public List<Account> staff() {
        return accounts.staff();
    }

    /**
     * Assigns a conversation to a staff member (the caller or another); it moves to that member's 我的 box.
     *
     * @throws Rejected 404 {@code CONSULTATION_NOT_FOUND}; 422 {@code NOT_STAFF} for an assignee who is not staff in
     *                  good standing (404 {@code USER_NOT_FOUND} for an unknown one)
     */
    public ConsultationThread assign(String id, String actorId, String assigneeId) {
        requireStaff(actorId);
        String target = assigneeId == null || assigneeId.isBlank() ? actorId : assigneeId.strip();
        if (!accounts.get(target).staff()) {
            throw Rejected.ofField(422, "NOT_STAFF", "staffId", "只能分配给编辑或管理员。",
                    "A conversation can be assigned to staff only.");
        }
        transaction.executeWithoutResult(status -> {
            repository.lock(id).orElseThrow(Consultations::notFound);
            repository.assign(id, target);
        });
        return thread(repository.find(id).orElseThrow());
    }

    /**
     * Answers a conversation, taking it if nobody has (a closed one opens again). The asker is told: in the bell when
     * signed in, else by e-mail with the answer and the link to the conversation.
     *
     * @param material a material's id or the link to its page, or null
     * @throws Rejected 404 {@code CONSULTATION_NOT_FOUND}; 422 for the text as {@link #ask}, {@code INVALID_MATERIAL},
     *                  {@code MATERIAL_NOT_FOUND} (also for a draft, which readers may not know of)
     */
    public ConsultationThread answer(String id, String staffId, String text, String material) {
        requireStaff(staffId);
        String clean = ConsultationInput.text(text);
        String materialId = ConsultationInput.materialId(material);
        Material linked = materialId == null ? null : materials.find(materialId).filter(m -> !m.draft())
                .orElseThrow(() -> Rejected.ofField(422, "MATERIAL_NOT_FOUND", "materialId", "没有这份资料（草稿不能发给读者）。",
                        "No such material (drafts cannot be sent to readers)."));
        transaction.executeWithoutResult(status -> {
            ConsultationRepository.Stored stored = repository.lock(id).orElseThrow(Consultations::notFound);
            Instant now = clock.instant();
            repository.insertMessage(id, new ConsultationRepository.StoredMessage(Ids.newId(), staffId, true, clean,
                    materialId, now));
            repository.afterMessage(id, "STAFF", now);
            if (stored.assigneeId() == null) {
                repository.assign(id, staffId);
            }
            if (stored.askerId() != null) {
                events.publishEvent(new ConsultationAnswered(id, stored.askerId()));
            } else {
                mail.queue(answerLetter(stored, clean, linked));
            }
        });
        return thread(repository.find(id).orElseThrow());
    }

    /**
     * Closes a conversation; closing a closed one changes nothing.
     *
     * @throws Rejected 404 {@code CONSULTATION_NOT_FOUND}
     */
    public ConsultationThread close(String id, String staffId) {
        requireStaff(staffId);
        transaction.executeWithoutResult(status -> {
            ConsultationRepository.Stored stored = repository.lock(id).orElseThrow(Consultations::notFound);
            if (stored.status() == Consultation.Status.OPEN) {
                repository.close(id, clock.instant());
            }
        });
        return thread(repository.find(id).orElseThrow());
    }

    /** The box the conversation is in for {@code staffId}; empty when someone else has it. */
    public Optional<ConsultationBox> boxOf(Consultation consultation, String staffId) {
        return ConsultationBox.of(consultation.status(), consultation.assigneeId(), staffId);
    }

    private Letter answerLetter(ConsultationRepository.Stored stored, String text, Material linked) {
        StringBuilder body = new StringBuilder("您好：\n\n运营方回复了您在").append(siteName).append("的咨询");
        if (stored.subject() != null) {
            body.append("“").append(stored.subject()).append("”");
        }
        body.append("：\n\n").append(text).append("\n\n");
        if (linked != null) {
            body.append("相关资料：《").append(linked.title()).append("》 ").append(absolute("/materials/" + linked.id()))
                    .append("\n\n");
        }
        body.append("查看全部对话、继续留言，请打开：\n").append(absolute(visitorLink(stored.id())))
                .append("\n\n这个链接就是您查看这次咨询的凭证，请不要转给他人。");
        return new Letter(stored.visitorEmail(), "您的咨询有了回复 · " + siteName, body.toString(), "CONSULTATION_ANSWER");
    }

    /** The path a visitor reads their conversation at. */
    private String visitorLink(String id) {
        return "/consultations/" + id + "?token=" + tokens.of(id);
    }

    /** On the public address when one is configured; a path otherwise (the Host a request names is not trusted). */
    private String absolute(String path) {
        return publicUrl + path;
    }

    private ConsultationAccess.Caller caller(String userId, String token) {
        boolean staff = userId != null && accounts.find(userId).map(Account::staff).orElse(false);
        return new ConsultationAccess.Caller(userId, staff, token);
    }

    private void requireStaff(String userId) {
        if (userId == null || !accounts.find(userId).map(Account::staff).orElse(false)) {
            throw new Rejected(403, "FORBIDDEN", "只有编辑和管理员可以处理咨询。", "Only staff handle consultations.");
        }
    }

    private static void acquire(AttemptLimit limit, String key) {
        Optional<Duration> wait = limit.tryAcquire(key);
        if (wait.isPresent()) {
            long minutes = Rejected.minutes(wait.get());
            throw Rejected.tooMany("CONSULTATION_LIMIT",
                    "留言过于频繁，请 " + minutes + " 分钟后再试。运营方会逐条回复，不必重复提交。",
                    "Too many messages; try again in " + minutes + " minute" + (minutes == 1 ? "" : "s") + ".",
                    wait.get());
        }
    }

    private static Rejected notFound() {
        return Rejected.notFound("CONSULTATION_NOT_FOUND", "咨询不存在，或链接不完整。", "No such consultation.");
    }

    private ConsultationThread thread(ConsultationRepository.Stored stored) {
        Names names = new Names();
        List<ConsultationRepository.StoredMessage> rows = repository.messages(stored.id());
        Map<String, Material> linked = new HashMap<>();
        List<String> ids = rows.stream().map(ConsultationRepository.StoredMessage::materialId)
                .filter(m -> m != null).distinct().toList();
        if (!ids.isEmpty()) {
            materials.findAll(ids).forEach(m -> linked.put(m.id(), m));
        }
        List<ConsultationMessage> messages = new ArrayList<>(rows.size());
        for (ConsultationRepository.StoredMessage m : rows) {
            Material material = m.materialId() == null ? null : linked.get(m.materialId());
            messages.add(new ConsultationMessage(m.id(), m.fromStaff(), names.of(m.authorId()), m.text(),
                    material == null ? null : new ConsultationMessage.MaterialLink(material.id(), material.title(),
                            "/materials/" + material.id()),
                    m.createdAt()));
        }
        return new ConsultationThread(view(stored, names), messages);
    }

    private List<Consultation> views(List<ConsultationRepository.Stored> rows) {
        Names names = new Names();
        return rows.stream().map(r -> view(r, names)).toList();
    }

    private static Consultation view(ConsultationRepository.Stored s, Names names) {
        return new Consultation(s.id(), s.askerId(), names.of(s.askerId()), s.visitorEmail(), s.subject(), s.status(),
                s.assigneeId(), s.assigneeId() == null ? null : names.of(s.assigneeId()), "ASKER".equals(s.lastFrom()),
                s.createdAt(), s.updatedAt());
    }

    /** Display names, each account read once per answer; a visitor (no account) is 访客. */
    private final class Names {
        private final Map<String, String> byId = new HashMap<>();

        String of(String userId) {
            if (userId == null) {
                return VISITOR;
            }
            return byId.computeIfAbsent(userId, id -> accounts.find(id).map(Account::displayName).orElse(VISITOR));
        }
    }
}
