package org.scriptorium.community;

/**
 * Who may read a conversation and write in it as its asker. Staff read every conversation (they answer through the
 * inbox); a signed-in asker reads their own; a visitor's conversation is read by whoever holds its link. Nobody else
 * learns that it exists: the caller of a refusal answers "not found".
 */
final class ConsultationAccess {

    /**
     * Who is asking.
     *
     * @param userId the signed-in account, or null for a visitor
     * @param staff  true for an editor or administrator in good standing
     * @param token  the token from a visitor's link, or null
     */
    record Caller(String userId, boolean staff, String token) {

        static Caller visitor(String token) {
            return new Caller(null, false, token);
        }
    }

    private ConsultationAccess() {
    }

    /** Whether {@code caller} may read the conversation {@code id} opened by {@code askerId} (null: a visitor). */
    static boolean mayRead(Caller caller, String id, String askerId, ConsultationToken tokens) {
        return caller.staff() || isAsker(caller, id, askerId, tokens);
    }

    /**
     * Whether {@code caller} writes in the conversation as its asker: the account that opened it, or for a visitor's
     * conversation the holder of its link. A token never opens a signed-in user's conversation: none is given out.
     */
    static boolean isAsker(Caller caller, String id, String askerId, ConsultationToken tokens) {
        if (askerId != null) {
            return askerId.equals(caller.userId());
        }
        return tokens.matches(id, caller.token());
    }
}
