package org.scriptorium.community;

import java.time.Instant;

/**
 * A chat group as staff set it up.
 *
 * @param externalLabel  e.g. {@code QQ群} or {@code 微信群}; with the number and the QR image, shown only to accounts
 *                       allowed in the group
 * @param qrImageId      the external group's QR image, or null
 */
record Group(String id, String name, GroupKind kind, String description, String externalLabel, String externalNumber,
             String qrImageId, Instant createdAt) {

    /** Whether staff attached an external QQ/WeChat group. */
    public boolean hasExternal() {
        return externalNumber != null || qrImageId != null;
    }
}
