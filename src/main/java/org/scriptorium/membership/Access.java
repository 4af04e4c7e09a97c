package org.scriptorium.membership;

import java.util.Objects;

/**
 * What a reader may see of one material, and why.
 *
 * @param level  how much of the material may be shown
 * @param reason why; {@link Reason#STAFF}, {@link Reason#FREE_MATERIAL} and {@link Reason#MEMBER}
 *               go with {@link Level#FULL} and every other reason with a lower level
 */
public record Access(Level level, Reason reason) {

    /** How much of a material may be shown. */
    public enum Level {
        /** The whole text. */
        FULL,
        /** The outline and a short preview. */
        PREVIEW,
        /** Nothing, not even that the material exists. */
        NONE
    }

    /** Why a reader gets the level they get. */
    public enum Reason {
        STAFF, FREE_MATERIAL, MEMBER, NOT_SIGNED_IN, NO_MEMBERSHIP, EXPIRED, SUSPENDED, BEFORE_BACK_CATALOG, NOT_PUBLISHED;

        boolean entitles() {
            return this == STAFF || this == FREE_MATERIAL || this == MEMBER;
        }
    }

    /**
     * @throws NullPointerException     if a component is null
     * @throws IllegalArgumentException if the reason does not fit the level (e.g. FULL because EXPIRED)
     */
    public Access {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(reason, "reason");
        if (reason.entitles() != (level == Level.FULL)) {
            throw new IllegalArgumentException(reason + " does not fit " + level);
        }
    }

    /** @return true only for {@link Level#FULL} */
    public boolean full() {
        return level == Level.FULL;
    }

    /**
     * A short fixed phrase in Chinese telling the reader why they see what they see, meant for
     * readers who are not entitled (e.g. "开通会员后可阅读全文"); entitled reasons get a phrase too.
     *
     * @return never null or blank
     */
    public String explanationZh() {
        return switch (reason) {
            case STAFF -> "工作人员可阅读全部资料";
            case FREE_MATERIAL -> "免费资料，登录后即可阅读全文";
            case MEMBER -> "会员可阅读全文";
            case NOT_SIGNED_IN -> "登录后可阅读";
            case NO_MEMBERSHIP -> "开通会员后可阅读全文";
            case EXPIRED -> "会员已到期，续费后可阅读全文";
            case SUSPENDED -> "账号已被暂停，暂时无法阅读全文";
            case BEFORE_BACK_CATALOG -> "该资料发布于您的会员可回溯范围之前";
            case NOT_PUBLISHED -> "该资料尚未发布";
        };
    }

    /**
     * The same phrase as {@link #explanationZh()} in English.
     *
     * @return never null or blank
     */
    public String explanationEn() {
        return switch (reason) {
            case STAFF -> "Staff can read all materials";
            case FREE_MATERIAL -> "Free material: open in full to signed-in users";
            case MEMBER -> "Members can read the full text";
            case NOT_SIGNED_IN -> "Sign in to read";
            case NO_MEMBERSHIP -> "Become a member to read the full text";
            case EXPIRED -> "Your membership has expired; renew it to read the full text";
            case SUSPENDED -> "Your account is suspended; the full text is not available for now";
            case BEFORE_BACK_CATALOG -> "This material was published before your membership's back catalogue begins";
            case NOT_PUBLISHED -> "This material has not been published yet";
        };
    }
}
