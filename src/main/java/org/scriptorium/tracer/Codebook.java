package org.scriptorium.tracer;

import java.util.List;
import java.util.Optional;
import org.scriptorium.tracing.FileToken;
import org.scriptorium.tracing.FragileMark;

/**
 * The keyed functions behind every mark, as the tracer reads them: the fingerprinting code's biases and members'
 * symbols, and the verification of invisible payloads and file tokens. The product's is {@code Marks}; a simulation
 * may use a faster keyed function with the same distribution.
 */
public interface Codebook {

    /** The bias p of a position: a member's symbol there is the alternative form with probability p. */
    double bias(String positionKey);

    /** A member's symbol at a position: true for the alternative form. */
    boolean symbol(long memberNumber, String positionKey);

    /** Several positions, prepared for reading many members' symbols at them. */
    interface Positions {

        /** The member's symbols at these positions, in order, written into {@code out}. */
        void symbols(long memberNumber, boolean[] out);
    }

    /** Prepares positions for {@link Positions#symbols}; by default each symbol is asked of {@link #symbol}. */
    default Positions positions(String[] positionKeys) {
        String[] keys = positionKeys.clone();
        return (member, out) -> {
            for (int i = 0; i < keys.length; i++) {
                out[i] = symbol(member, keys[i]);
            }
        };
    }

    /** Every invisible payload in the text whose MAC verifies, in order, duplicates kept. */
    List<FragileMark.Payload> payloads(String text);

    /** What a file token says, if its MAC verifies. */
    Optional<FileToken.Owner> token(String token);

    /** The 32-bit tag that payloads and tokens carry for a revision. */
    long revisionTag(String revisionKey);
}
