package org.scriptorium.tracing;

import java.time.Clock;
import org.scriptorium.common.Secrets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The secret every mark derives from. Made once, at the first start, and kept in the database so that every node
 * of a cluster marks and traces alike. Whoever holds it can forge or predict marks: back it up like a password.
 */
@Component
public class MarkKey {

    private static final String NAME = "mark_key";

    private final Prf prf;

    MarkKey(JdbcClient jdbc, Clock clock) {
        this.prf = new Prf(Secrets.loadOrCreate(jdbc, clock, NAME));
    }

    /** The keyed function all mark layers use. */
    public Prf prf() {
        return prf;
    }
}
