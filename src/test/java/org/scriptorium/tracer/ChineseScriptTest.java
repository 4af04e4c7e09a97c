package org.scriptorium.tracer;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.houbb.opencc4j.util.ZhConverterUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Speeches;

@DisplayName("Traditional characters in a leak")
class ChineseScriptTest {

    @Test
    @DisplayName("a copy converted to Traditional comes back to the Simplified original")
    void roundTrip() {
        String original = Speeches.longSpeech("");
        ChineseScript.Simplified back = ChineseScript.simplify(ZhConverterUtil.toTraditional(original));
        assertThat(back.converted()).isTrue();
        assertThat(back.changed()).isGreaterThan(500);
        int differing = 0;
        for (int i = 0; i < Math.min(original.length(), back.text().length()); i++) {
            if (original.charAt(i) != back.text().charAt(i)) {
                differing++;
            }
        }
        assertThat(differing).as("characters the round trip does not restore").isLessThan(original.length() / 200);
    }

    @Test
    @DisplayName("Simplified text is left exactly as it is, even with a few Traditional names in it")
    void simplifiedUntouched() {
        String text = Speeches.longSpeech("") + "\n引自《臺灣關係法》與「國語」一詞。";
        ChineseScript.Simplified same = ChineseScript.simplify(text);
        assertThat(same.converted()).isFalse();
        assertThat(same.text()).isSameAs(text);
    }

    @Test
    @DisplayName("invisible characters between Traditional ones survive the conversion")
    void invisibleKept() {
        String traditional = ZhConverterUtil.toTraditional(Speeches.longSpeech("")).replace("。", "。\u200B\u200C");
        assertThat(ChineseScript.simplify(traditional).text()).contains("\u200B\u200C");
    }
}
