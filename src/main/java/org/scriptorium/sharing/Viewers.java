package org.scriptorium.sharing;

import java.util.Optional;
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

    private final ConcurrentHashMap<String, Viewer> cache = new ConcurrentHashMap<>();
    private final MaterialAccess access;
    private final FollowRepository follows;

    Viewers(MaterialAccess access, FollowRepository follows) {
        this.access = access;
        this.follows = follows;
    }

    Viewer get(String userId) {
        Viewer viewer = cache.get(userId);
        if (viewer == null || System.nanoTime() - viewer.loadedAt() > TTL_NANOS) {
            viewer = new Viewer(access.reader(Optional.of(userId)), follows.follows(userId), System.nanoTime());
            cache.put(userId, viewer);
        }
        return viewer;
    }

    void forget(String userId) {
        cache.remove(userId);
    }

    /** Drops entries nobody asked for within the minute, so users who left do not stay in memory. */
    void prune() {
        long now = System.nanoTime();
        cache.values().removeIf(v -> now - v.loadedAt() > TTL_NANOS);
    }

    @EventListener
    void on(MembershipEvent event) {
        switch (event) {
            case MembershipEvent.Granted g -> forget(g.userId());
            case MembershipEvent.Revoked r -> forget(r.userId());
            case MembershipEvent.CodesGenerated ignored -> {
            }
        }
    }

    @EventListener
    void on(AccountEvent event) {
        forget(event.userId());
    }
}
