package org.scriptorium.library;

import java.util.List;

/**
 * The 公文要素 box of the reading and editing pages, formatted for Chinese readers; absent ({@code null}) when the
 * material has none of the elements.
 *
 * @param issuedOn 成文日期 as a 公文 writes it ({@code 2019年1月24日}), or null
 */
record ElementsBox(String documentNumber, String recipients, String issuer, String issuedOn, List<String> attachments) {

    ElementsBox {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** The box for these elements; null when none was found. */
    static ElementsBox of(OfficialElements e) {
        if (e == null || e.documentNumber() == null && e.recipients() == null && e.issuer() == null
                && e.issuedOn() == null && e.attachments().isEmpty()) {
            return null;
        }
        String issuedOn = e.issuedOn() == null ? null
                : e.issuedOn().getYear() + "年" + e.issuedOn().getMonthValue() + "月" + e.issuedOn().getDayOfMonth() + "日";
        return new ElementsBox(e.documentNumber(), e.recipients(), e.issuer(), issuedOn, e.attachments());
    }
}
