package org.scriptorium.sharing;

/**
 * Staff answered a conversation of a signed-in user, who is told in the bell. Published in the answering transaction
 * (the notice is written with the answer or not at all); a visitor's answer goes by e-mail instead and is not
 * published. It lives here, beside the event log that records it, because the groups in {@code community} use
 * {@code sharing} (the other way round would be a cycle).
 */
public record ConsultationAnswered(String consultationId, String askerId) {
}
