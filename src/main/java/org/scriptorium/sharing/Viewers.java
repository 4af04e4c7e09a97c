package org.scriptorium.sharing;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.scriptorium.account.AccountEvent;
import org.scriptorium.library.MaterialAccess;
import org.scriptorium.membership.MembershipEvent;
import org.scriptorium.membership.Reader;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Who is listening, as the audience rule needs them: their memberships and what they follow. Kept for a minute so
 * that one publication to ten thousand open connections does not read ten thousand memberships; dropped at once
 * when a membership, the account or the follows change on this node.
 */
@Component
class Viewers {

    record Viewer(Reader reader, Follows follows, long loadedAt) {
    }

    private static final long TTL_NANOS = 60_000_000_000L;

    /** A future per user, so that ten thousand streams of one hundred users wake to one hundred reads, not more. */
    private final ConcurrentHashMap<String, CompletableFuture<Viewer>> cache = new ConcurrentHashMap<>();
    private final MaterialAccess access;
    private final FollowRepository follows;

    Viewers(MaterialAccess access, FollowRepository follows) {
        this.access = access;
        this.follows = follows;
    }

    Viewer get(String userId) {
        while (true) {
            CompletableFuture<Viewer> known = cache.get(userId);
            if (known != null && (!known.isDone() || fresh(known))) {
                try {
                    return known.join();
                } catch (CompletionException e) {
                    cache.remove(userId, known);
                    continue;
                }
            }
            CompletableFuture<Viewer> mine = new CompletableFuture<>();
            boolean won = known == null ? cache.putIfAbsent(userId, mine) == null : cache.replace(userId, known, mine);
            if (won) {
                try {
                    mine.complete(new Viewer(access.reader(Optional.of(userId)), follows.follows(userId), System.nanoTime()));
                } catch (RuntimeException e) {
                    cache.remove(userId, mine);
                    mine.completeExceptionally(e);
                    throw e;
                }
                return mine.join();
            }
        }
    }

    private static boolean fresh(CompletableFuture<Viewer> done) {
        return !done.isCompletedExceptionally() && System.nanoTime() - done.join().loadedAt() <= TTL_NANOS;
    }

    void forget(String userId) {
        cache.remove(userId);
    }

    /** Drops entries nobody asked for within the minute, so users who left do not stay in memory. */
    void prune() {
        long now = System.nanoTime();
        cache.values().removeIf(f -> f.isDone() && (f.isCompletedExceptionally() || now - f.join().loadedAt() > TTL_NANOS));
    }

    @EventListener
    void on(MembershipEvent event) {
        switch (event) {
            case MembershipEvent.Granted g -> forget(g.userId());
            case MembershipEvent.Revoked r -> forget(r.userId());
            case MembershipEvent.Redeemed r -> forget(r.userId());
            case MembershipEvent.CodesGenerated ignored -> {
            }
            // Issue 16, buying and renewal: plans and batches change no one's terms.
            case MembershipEvent.PlanChanged ignored -> {
            }
            case MembershipEvent.PlanRetired ignored -> {
            }
            case MembershipEvent.BatchVoided ignored -> {
            }
        }
    }

    @EventListener
    void on(AccountEvent event) {
        forget(event.userId());
    }
}
