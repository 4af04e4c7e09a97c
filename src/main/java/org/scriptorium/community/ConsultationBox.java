package org.scriptorium.community;

import java.util.Locale;
import java.util.Optional;
import org.scriptorium.common.Rejected;

/**
 * The three boxes of the staff's inbox. An open conversation nobody has taken is 未分配 for every staff member; once
 * assigned, it is 我的 for its assignee and in no box of the others (they find it again only if it is handed to
 * them); a closed one is 已关闭 for everyone.
 */
public enum ConsultationBox {
    UNASSIGNED("未分配"), MINE("我的"), CLOSED("已关闭");

    private final String label;

    ConsultationBox(String label) {
        this.label = label;
    }

    /** The tab's name, in Chinese. */
    public String label() {
        return label;
    }

    /** The lower-case name used in links and the API ({@code ?box=mine}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The box a conversation is in for one staff member.
     *
     * @param assigneeId the staff member it is assigned to, or null
     * @return empty when it is assigned to someone else and open
     */
    static Optional<ConsultationBox> of(Consultation.Status status, String assigneeId, String staffId) {
        if (status == Consultation.Status.CLOSED) {
            return Optional.of(CLOSED);
        }
        if (assigneeId == null) {
            return Optional.of(UNASSIGNED);
        }
        return assigneeId.equals(staffId) ? Optional.of(MINE) : Optional.empty();
    }

    /**
     * The box named in a request; {@link #UNASSIGNED} when none is named.
     *
     * @throws Rejected 400 {@code INVALID_BOX} for any other name
     */
    public static ConsultationBox parse(String name) {
        if (name == null || name.isBlank()) {
            return UNASSIGNED;
        }
        for (ConsultationBox box : values()) {
            if (box.key().equalsIgnoreCase(name.strip())) {
                return box;
            }
        }
        throw Rejected.ofField(400, "INVALID_BOX", "box", "没有这个收件箱：请用 unassigned、mine 或 closed。",
                "No such box: use unassigned, mine or closed.");
    }
}
