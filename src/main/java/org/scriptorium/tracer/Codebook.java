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

    /** Every invisible payload in the text whose MAC verifies, in order, duplicates kept. */
    List<FragileMark.Payload> payloads(String text);

    /** What a file token says, if its MAC verifies. */
    Optional<FileToken.Owner> token(String token);

    /** The 32-bit tag that payloads and tokens carry for a revision. */
    long revisionTag(String revisionKey);
}
