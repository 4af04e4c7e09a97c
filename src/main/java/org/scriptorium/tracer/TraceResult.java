package org.scriptorium.tracer;

import java.util.List;

/**
 * What the tracer concluded from a leak.
 *
 * @param verdict   ACCUSE when at least one member's false-accusation bound is below the threshold, else INCONCLUSIVE
 * @param reason    for INCONCLUSIVE, why (in Chinese); null for ACCUSE
 * @param materials the material revisions the leak was found to come from
 * @param suspects  members whose bound is below the threshold, most certain first; no one else is named
 * @param threshold the overall false-accusation threshold applied
 * @param notes     what was found about the evidence itself (see {@link Note}), in the order found
 * @param pointers  every invisible payload and file token that verified, with whether it was consistent with the
 *                  rest of the evidence; they corroborate, they never name anyone by themselves
 * @param reporter  for a report, how the reporter's own copies score on the evidence; null otherwise, or when the
 *                  reporter received none of the revisions found
 * @param evidence  how much evidence was read, and how much of it repeated other evidence
 */
public record TraceResult(Verdict verdict, String reason, List<SourceMaterial> materials, List<Suspect> suspects,
                          double threshold, List<Note> notes, List<Pointer> pointers, ReporterCheck reporter,
                          EvidenceSummary evidence) {

    public TraceResult {
        // results stored before these fields existed read back with nulls
        materials = materials == null ? List.of() : List.copyOf(materials);
        suspects = suspects == null ? List.of() : List.copyOf(suspects);
        notes = notes == null ? List.of() : List.copyOf(notes);
        pointers = pointers == null ? List.of() : List.copyOf(pointers);
    }

    public enum Verdict { ACCUSE, INCONCLUSIVE }

    /** Whether a note with this code is present. */
    public boolean hasNote(String code) {
        return notes.stream().anyMatch(n -> n.code().equals(code));
    }

    /**
     * A revision the leak draws on.
     *
     * @param coverage          the share of the leak's fingerprints it explains
     * @param free              whether the material is FREE (open to every signed-in user): its copies circulate
     *                          legitimately, so its recipients are not scored and its payloads point to no one
     * @param positions         distinct positions of the code read in this revision, over all the evidence
     * @param charactersNeeded  for an inconclusive trace, about how many more characters of this material's copy would
     *                          let one leaker be named at the threshold; 0 otherwise
     * @param withinOtherText   whether it was found inside other text (an excerpt in an article, a compilation)
     * @param equivalentTo      the material whose text this one repeats (a re-import, a teaser), whose recipients are
     *                          scored too; null when it was found on its own
     */
    public record SourceMaterial(String materialId, int revision, String title, double coverage, boolean free,
                                 int positions, int charactersNeeded, boolean withinOtherText, String equivalentTo) {
    }

    /**
     * A member the evidence points to.
     *
     * @param score                the member's score in the test that gave the bound
     * @param falseAccusationBound an upper bound on the chance that any innocent member among all who received these
     *                             revisions would show evidence this strong, every test made counted (the
     *                             combined score, each revision's and each piece's)
     * @param basis                what that test read, in Chinese (全部证据, a material, a file)
     * @param parts                the member's score on each revision they received, beside the combined one
     */
    public record Suspect(String userId, long memberNumber, String email, double score, double falseAccusationBound,
                          Layers layers, String basis, List<Part> parts) {

        public Suspect {
            parts = parts == null ? List.of() : List.copyOf(parts);
        }
    }

    /** Evidence per layer of marks. */
    public record Layers(Robust robust, int fragilePayloads, int fileTokens) {
    }

    /** The fingerprinting code: score, distinct positions read for this member, and the bound with every test counted. */
    public record Robust(double score, int positions, double bound) {
    }

    /** One member's score on one revision's positions. */
    public record Part(String materialId, int revision, String title, double score, int positions, double bound) {
    }

    /**
     * What the tracer noticed about the evidence, for the editor: a stable {@code code} and a Chinese {@code detail}.
     * Codes: {@code UNIFORM_FORMS}, {@code ORIGINAL_TEXT}, {@code SAME_EVIDENCE_REPEATED}, {@code MIXED_COPIES},
     * {@code PAYLOAD_INCONSISTENT}, {@code PAYLOAD_NOT_ENOUGH}, {@code TRADITIONAL_CONVERTED},
     * {@code EXCERPT_IN_OTHER_TEXT}, {@code SAME_TEXT_IN_SEVERAL_MATERIALS}, {@code FREE_MATERIAL},
     * {@code MORE_TEXT_NEEDED}, {@code NO_SOURCE}.
     */
    public record Note(String code, String detail) {
    }

    /**
     * An invisible payload or file token whose MAC verified.
     *
     * @param layer      {@code FRAGILE} (invisible payload) or {@code FILE} (DOCX/PDF token)
     * @param userId     the account with that member number; null if there is none
     * @param materialId the material of the revision the payload names; null if it names no delivered revision
     * @param title      that material's title; null with it
     * @param piece      the evidence it was found in
     * @param consistent whether it names a revision the text in that piece comes from, which the member received, and
     *                   the robust layer there does not contradict it
     * @param reason     why it was set aside, in Chinese; null when consistent
     */
    public record Pointer(String layer, long memberNumber, String userId, String email, String materialId,
                          String title, Integer revision, String piece, boolean consistent, String reason) {

        /** The layer as editors call it. */
        public String layerLabel() {
            return "FILE".equals(layer) ? "文件痕迹" : "隐形标记";
        }
    }

    /**
     * How the reporter's own copies score on the evidence they sent.
     *
     * @param bound       the chance that a member who did not leak scores this high in any of their tests
     * @param aboveChance true when that chance is below 1 %: the evidence looks like the reporter's own copy, and
     *                    upholding does not reward them unless an editor says so
     */
    public record ReporterCheck(String userId, int positions, double score, double bound, boolean aboveChance) {
    }

    /**
     * @param pieces         files and pasted texts received
     * @param distinctPieces those left once pieces with the same text are counted once
     * @param reads          positions read, summed over the pieces
     * @param positions      distinct positions read: what the bound counts
     * @param conflicting    positions read with both forms in different pieces (set aside in combined scores)
     * @param lowestBound    the lowest corrected bound of any member scored (a suspect's, or for an inconclusive
     *                       trace how close anyone came); 1 when nobody was scored
     */
    public record EvidenceSummary(int pieces, int distinctPieces, int reads, int positions, int conflicting,
                                  double lowestBound) {
    }
}
