package org.scriptorium.library;

import java.time.LocalDate;
import java.util.List;

/**
 * The elements of a 公文 (official document, GB/T 9704) found in a material; each is null (or empty) when absent.
 *
 * @param documentNumber 发文字号, e.g. {@code 国办发〔2019〕2号}
 * @param recipients     主送机关, as written, without the closing colon
 * @param issuer         落款: the issuing organ(s) above the date
 * @param issuedOn       成文日期, from Arabic or Chinese numerals ({@code 二〇一九年一月一日})
 * @param attachments    附件说明: the attachments' names, in order, without their numbers
 */
public record OfficialElements(String documentNumber, String recipients, String issuer, LocalDate issuedOn,
                               List<String> attachments) {

    /** A material with none of the elements. */
    public static final OfficialElements NONE = new OfficialElements(null, null, null, null, List.of());

    /** The kinds of document printed under an organ's 版头: those issued with a 发文字号. */
    public static final java.util.Set<String> LETTERHEAD_KINDS = java.util.Set.of("通知", "意见", "方案", "实施方案");

    public OfficialElements {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /**
     * Whether a document of this kind with these elements can be printed with its 版头 and 版记: a 通知, 意见 or 方案
     * whose 发文机关 and 发文字号 were read.
     */
    public boolean letterheadFor(String kind) {
        return LETTERHEAD_KINDS.contains(kind) && issuer != null && !issuer.isBlank() && documentNumber != null
                && !documentNumber.isBlank();
    }
}
