package org.scriptorium.delivery;

import org.scriptorium.common.Rejected;

/**
 * Asked before a file is made for a signed-in reader, so another module may refuse a download that the entitlement
 * rule would allow (the reports module caps how many distinct materials a member downloads in a day).
 */
public interface DownloadPolicy {

    /**
     * @throws Rejected when the download may not go ahead; nothing is delivered or recorded then
     */
    void check(String userId, String materialId);
}
