package org.scriptorium.delivery;

import java.time.Instant;

/**
 * A copy of member text was delivered and recorded in the ledger; published right after the ledger row is written.
 *
 * @param format    the channel's code: web, api, txt, docx, pdf or passage
 * @param address   the client's address as the server saw it; null outside a web request
 * @param userAgent the client's User-Agent (at most 300 characters); null if none
 */
public record CopyDelivered(String userId, String materialId, int revision, String format, String address,
                            String userAgent, Instant deliveredAt) {
}
