package org.scriptorium.tracing;

import java.util.List;

/**
 * What the tracer concluded from a leak.
 *
 * @param verdict   ACCUSE when at least one member's false-accusation bound is below the threshold, else INCONCLUSIVE
 * @param reason    for INCONCLUSIVE, why (in Chinese); null for ACCUSE
 * @param materials the material revisions the leak was found to come from
 * @param suspects  members whose bound is below the threshold, most certain first; no one else is named
 * @param threshold the overall false-accusation threshold applied
 */
public record TraceResult(Verdict verdict, String reason, List<SourceMaterial> materials, List<Suspect> suspects,
                          double threshold) {

    public enum Verdict { ACCUSE, INCONCLUSIVE }

    /** A revision the leak draws on; coverage is the share of the leak it explains. */
    public record SourceMaterial(String materialId, int revision, String title, double coverage) {
    }

    /**
     * A member the evidence points to.
     *
     * @param falseAccusationBound an upper bound on the chance that an innocent member among all who received these
     *                             revisions would show evidence this strong
     */
    public record Suspect(String userId, long memberNumber, String email, double score, double falseAccusationBound,
                          Layers layers) {
    }

    /** Evidence per layer of marks. */
    public record Layers(Robust robust, int fragilePayloads, int fileTokens) {
    }

    /** The fingerprinting code: summed score, positions read for this member, and its own bound. */
    public record Robust(double score, int positions, double bound) {
    }
}
