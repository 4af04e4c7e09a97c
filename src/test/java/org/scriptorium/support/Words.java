package org.scriptorium.support;

import java.util.UUID;

/** Test words that no other test document contains, so tests sharing one application do not see each other's data. */
public final class Words {

    private Words() {
    }

    /**
     * A word of CJK characters, e.g. 叁柒零壹伍捌玖贰壹陆, unique to this call: ten random digits, so that even the
     * thousands of words a crash test makes collide with a chance under one in ten thousand (six digits gave one in
     * five for 630 words). Numerals only: a search reads the word as one concept (a common word in front, such as
     * 专项, would be a second one, and a search relaxed to any one concept would find every material holding it).
     */
    public static String unique() {
        String digits = UUID.randomUUID().toString().replaceAll("[^0-9]", "");
        while (digits.length() < 10) {
            digits += UUID.randomUUID().toString().replaceAll("[^0-9]", "");
        }
        StringBuilder word = new StringBuilder();
        for (char c : digits.substring(0, 10).toCharArray()) {
            word.append("零壹贰叁肆伍陆柒捌玖".charAt(c - '0'));
        }
        return word.toString();
    }
}
