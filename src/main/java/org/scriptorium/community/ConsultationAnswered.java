package org.scriptorium.community;

/**
 * Staff answered a conversation of a signed-in user, who is told in the bell. Published in the answering transaction
 * (the notice is written with the answer or not at all); a visitor's answer goes by e-mail instead and is not
 * published.
 */
public record ConsultationAnswered(String consultationId, String askerId) {
}
