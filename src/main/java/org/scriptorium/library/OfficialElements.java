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

    public OfficialElements {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
