package org.scriptorium.membership;

/** Who a material is for. */
public enum Tier {
    /** Open in full to every signed-in user. */
    FREE,
    /** Open in full to members whose back catalogue reaches the material. */
    MEMBER
}
