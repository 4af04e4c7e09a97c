package org.scriptorium.tracer;

import com.github.houbb.opencc4j.util.ZhConverterUtil;

/**
 * Brings a leak written in Traditional characters back to Simplified (OpenCC's dictionaries, phrases first), so that a
 * reseller's s2t conversion hides neither the source nor the marks. Text already in Simplified is left exactly as it
 * is: converting it again could only change characters that both scripts share.
 */
final class ChineseScript {

    /**
     * The text in Simplified characters, and how many characters the conversion changed.
     *
     * @param converted true when the text was taken to be Traditional and converted
     */
    record Simplified(String text, boolean converted, int changed) {
    }

    /** Below this share of Traditional-only characters among the Han ones, a text is Simplified with a few variants. */
    static final double TRADITIONAL_SHARE = 0.02;
    /** And at least this many: a quoted name in Traditional does not make the text Traditional. */
    static final int MIN_TRADITIONAL = 10;

    private ChineseScript() {
    }

    static Simplified simplify(String text) {
        int han = 0;
        int traditional = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                han++;
                if (!ZhConverterUtil.isSimple(c) && ZhConverterUtil.isTraditional(c)) {
                    traditional++;
                }
            }
        }
        if (traditional < MIN_TRADITIONAL || traditional < TRADITIONAL_SHARE * han) {
            return new Simplified(text, false, 0);
        }
        String simplified = ZhConverterUtil.toSimple(text);
        int changed = 0;
        int n = Math.min(text.length(), simplified.length());
        for (int i = 0; i < n; i++) {
            if (text.charAt(i) != simplified.charAt(i)) {
                changed++;
            }
        }
        return new Simplified(simplified, true, changed + Math.abs(text.length() - simplified.length()));
    }
}
