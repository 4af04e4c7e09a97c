package org.scriptorium.community;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.scriptorium.account.AccountEvent;
import org.scriptorium.membership.MembershipEvent;
import org.scriptorium.membership.Memberships;
import org.scriptorium.membership.Reader;
import org.scriptorium.sharing.GroupGate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Who may enter which group now, from memory: the one place {@link GroupAccessRule} is applied. The event stream asks
 * it once per message and listening account (2,000 open pages and 20 messages a second make 40,000 questions a
 * second), so each account's memberships and standing, and each group's kind and sanctions, are read once and kept
 * for {@link #TTL_NANOS}; a change made on this node (a grant, a revocation, a suspension, a mute, a removal, an
 * edited group) drops the entry once committed. A term that runs out needs no event: the rule compares its end with
 * the time of each question. Another node's change counts here within the minute, except for a post: the poster's
 * mute or removal is read afresh ({@link #sanctionNow}).
 */
@Component
class GroupAccess implements GroupGate {

    static final long TTL_NANOS = 60_000_000_000L;
    private static final long MISS_RELOAD_NANOS = 1_000_000_000L;
    /** Past this many kept accounts, stale entries are dropped, so accounts that left do not stay in memory. */
    private static final int PRUNE_AT = 20_000;

    private record Kept<T>(T value, long loadedAt) {
        boolean fresh() {
            return System.nanoTime() - loadedAt <= TTL_NANOS;
        }
    }

    private final Memberships memberships;
    private final GroupRepository repository;
    private final Clock clock;
    private final Map<String, Kept<Reader>> readers = new ConcurrentHashMap<>();
    private final Map<String, Kept<Map<String, Sanction>>> sanctions = new ConcurrentHashMap<>();
    private volatile Kept<Map<String, Group>> groups;

    GroupAccess(Memberships memberships, GroupRepository repository, Clock clock) {
        this.memberships = memberships;
        this.repository = repository;
        this.clock = clock;
    }

    @Override
    public boolean mayRead(String userId, String groupId) {
        return group(groupId).map(g -> verdict(userId, g) == GroupAccessRule.Verdict.OPEN).orElse(false);
    }

    /** The rule's answer for this account and group now, from what is kept. */
    GroupAccessRule.Verdict verdict(String userId, Group group) {
        Reader reader = userId == null ? new Reader.Anonymous() : reader(userId);
        Sanction sanction = sanction(group.id(), userId);
        return GroupAccessRule.decide(group.kind(), reader, sanction.removed(), clock.instant());
    }

    /**
     * The rule's answer for a request of the account itself: a refusal is checked again against the database, since
     * a code redeemed a moment ago (which announces nothing) must open the group at once.
     */
    GroupAccessRule.Verdict verdictNow(String userId, Group group) {
        GroupAccessRule.Verdict verdict = verdict(userId, group);
        if (verdict == GroupAccessRule.Verdict.OPEN || userId == null) {
            return verdict;
        }
        readers.remove(userId);
        sanctions.remove(group.id());
        return verdict(userId, group);
    }

    /** Whether the account is staff (in good standing). */
    boolean staff(String userId) {
        return userId != null && reader(userId) instanceof Reader.SignedIn s && s.staff();
    }

    Optional<Group> group(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Group known = groups().get(id);
        Kept<Map<String, Group>> kept = groups;
        if (known == null && kept != null && System.nanoTime() - kept.loadedAt() > MISS_RELOAD_NANOS) {
            // A group created on another node since the last read: read again (at most once a second, so unknown ids
            // sent by a client cost little), rather than keep its messages from this node's streams for a minute.
            groups = null;
            known = groups().get(id);
        }
        return Optional.ofNullable(known);
    }

    /** Every group, by id. */
    Map<String, Group> groups() {
        Kept<Map<String, Group>> kept = groups;
        if (kept == null || !kept.fresh()) {
            Map<String, Group> all = new java.util.LinkedHashMap<>();
            repository.groups().forEach(g -> all.put(g.id(), g));
            kept = new Kept<>(java.util.Collections.unmodifiableMap(all), System.nanoTime());
            groups = kept;
        }
        return kept.value();
    }

    Sanction sanction(String groupId, String userId) {
        if (userId == null) {
            return Sanction.NONE;
        }
        Kept<Map<String, Sanction>> kept = sanctions.get(groupId);
        if (kept == null || !kept.fresh()) {
            kept = new Kept<>(Map.copyOf(repository.sanctions(groupId)), System.nanoTime());
            sanctions.put(groupId, kept);
        }
        return kept.value().getOrDefault(userId, Sanction.NONE);
    }

    /**
     * The account's sanction in the group as the database has it now, for a post: a mute or removal made on another
     * node must not let a message through in the minute it takes to reach what is kept here. When it differs from
     * what is kept, the group's sanctions are read again for everything else too (this node's streams included).
     */
    Sanction sanctionNow(String groupId, String userId) {
        if (userId == null) {
            return Sanction.NONE;
        }
        Sanction now = repository.sanction(groupId, userId);
        if (!now.equals(sanction(groupId, userId))) {
            sanctions.remove(groupId);
        }
        return now;
    }

    private Reader reader(String userId) {
        Kept<Reader> kept = readers.get(userId);
        if (kept == null || !kept.fresh()) {
            // Not computeIfAbsent: the read must not run under the map's lock. Two threads may both read; both agree.
            kept = new Kept<>(memberships.readerFor(Optional.of(userId)), System.nanoTime());
            if (readers.size() > PRUNE_AT) {
                prune();
            }
            readers.put(userId, kept);
        }
        return kept.value();
    }

    /** Forgets what is kept of the account, so that the next question reads it afresh. */
    void forget(String userId) {
        readers.remove(userId);
    }

    /** A group was created or edited here. */
    void groupsChanged() {
        groups = null;
    }

    /** A sanction in this group changed here. */
    void sanctionsChanged(String groupId) {
        sanctions.remove(groupId);
    }

    private void prune() {
        readers.values().removeIf(k -> !k.fresh());
        sanctions.values().removeIf(k -> !k.fresh());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(MembershipEvent event) {
        switch (event) {
            case MembershipEvent.Granted g -> readers.remove(g.userId());
            case MembershipEvent.Revoked r -> readers.remove(r.userId());
            case MembershipEvent.Redeemed r -> readers.remove(r.userId());
            case MembershipEvent.CodesGenerated ignored -> {
            }
            // Plans and batches change no one's terms.
            case MembershipEvent.PlanChanged ignored -> {
            }
            case MembershipEvent.PlanRetired ignored -> {
            }
            case MembershipEvent.BatchVoided ignored -> {
            }
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(AccountEvent event) {
        readers.remove(event.userId());
    }
}
