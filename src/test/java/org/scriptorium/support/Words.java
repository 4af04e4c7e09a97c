package org.scriptorium.support;

import java.util.UUID;

/** Test words that no other test document contains, so tests sharing one application do not see each other's data. */
public final class Words {

    private Words() {
    }

    /** A word of CJK characters, e.g. 专项叁柒零壹伍捌, unique to this call. */
    public static String unique() {
        String digits = UUID.randomUUID().toString().replaceAll("[^0-9]", "");
        while (digits.length() < 6) {
            digits += UUID.randomUUID().toString().replaceAll("[^0-9]", "");
        }
        StringBuilder word = new StringBuilder("专项");
        for (char c : digits.substring(0, 6).toCharArray()) {
            word.append("零壹贰叁肆伍陆柒捌玖".charAt(c - '0'));
        }
        return word.toString();
    }
}
