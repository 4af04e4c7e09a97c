package org.scriptorium.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FragileMarkTest {

    private final Prf prf = new Prf("a test key of enough length".getBytes(StandardCharsets.UTF_8));
    private final long revision = prf.bits("rev", "material-9/rev-3");
    private final FragileMark.Payload expected = new FragileMark.Payload(123_456, revision & 0xFFFF_FFFFL);

    @Test
    @DisplayName("every 100-character excerpt of an embedded paragraph yields a verified payload")
    void everyExcerptCarriesAPayload() {
        for (String paragraph : MarkSpeech.PARAGRAPHS) {
            String marked = FragileMark.embed(paragraph, prf, 123_456, revision, FragileMark.DEFAULT_SPACING);
            assertThat(FragileMark.stripDigits(marked)).isEqualTo(paragraph);
            int[] visible = visiblePositions(marked);
            int length = visible.length;
            for (int a = 0; a == 0 || a + 100 <= length; a++) {
                int end = a + 100 < length ? visible[a + 100] : marked.length();
                String excerpt = marked.substring(visible[a], end);
                assertThat(FragileMark.read(excerpt, prf)).as("excerpt at %d of %s", a, paragraph)
                        .isNotEmpty().allMatch(expected::equals);
            }
        }
    }

    @Test
    @DisplayName("payloads are never at a paragraph's start nor inside a placeholder, and survive a UTF-8 round trip")
    void placement() {
        String paragraph = "请于＿＿＿＿月底前将××单位某某同志的材料报送【单位名称】办公室备案。";
        String marked = FragileMark.embed(paragraph, prf, 5, revision, 3);
        assertThat(FragileMark.DIGITS.indexOf(marked.charAt(0))).isNegative();
        assertThat(marked).contains("＿＿＿＿", "××", "某某", "【单位名称】");
        String roundTrip = new String(marked.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertThat(FragileMark.read(roundTrip, prf)).isNotEmpty()
                .allMatch(new FragileMark.Payload(5, revision & 0xFFFF_FFFFL)::equals);
    }

    @Test
    @DisplayName("payloads sit only between two Han ideographs, never by punctuation, Latin letters or digits")
    void onlyBetweenIdeographs() {
        String mixed = "（一）2024年全县GDP增长5.2%，完成目标任务；“十四五”规划《实施方案》提出：到2025年，"
                + "粮食产量稳定在100万吨以上！是否落实？各乡镇、各部门要认真贯彻落实，确保各项工作取得实效。";
        List<String> paragraphs = new java.util.ArrayList<>(MarkSpeech.PARAGRAPHS);
        paragraphs.add(mixed);
        int payloads = 0;
        for (String paragraph : paragraphs) {
            String marked = FragileMark.embed(paragraph, prf, 123_456, revision, 20);
            assertThat(FragileMark.stripDigits(marked)).isEqualTo(paragraph);
            for (int i = 0; i < marked.length(); i++) {
                if (FragileMark.DIGITS.indexOf(marked.charAt(i)) < 0) {
                    continue;
                }
                int end = i;
                while (end < marked.length() && FragileMark.DIGITS.indexOf(marked.charAt(end)) >= 0) {
                    end++;
                }
                String around = marked.charAt(i - 1) + "|" + marked.charAt(end);
                assertThat(Character.UnicodeScript.of(marked.charAt(i - 1))).as(around).isEqualTo(Character.UnicodeScript.HAN);
                assertThat(Character.UnicodeScript.of(marked.charAt(end))).as(around).isEqualTo(Character.UnicodeScript.HAN);
                assertThat(marked.substring(i, end)).as("a break opportunity (ZWSP) in every payload").contains("\u200B");
                payloads++;
                i = end;
            }
            assertThat(FragileMark.read(marked, prf)).isNotEmpty().allMatch(expected::equals);
        }
        assertThat(payloads).isGreaterThan(100);
        String noPair = "2024年GDP，（一）A、B。";
        assertThat(FragileMark.embed(noPair, prf, 1, revision, 5)).isEqualTo(noPair);
    }

    @Test
    @DisplayName("a payload without a ZWSP (member numbers from 2^30) is carried behind one, and still reads")
    void alwaysBreakable() {
        String noZwsp = "\u2060\u200C\u200D".repeat(16);
        assertThat(FragileMark.breakable(noZwsp)).isEqualTo("\u200B" + noZwsp);
        String small = FragileMark.encode(123_456, 7, prf);
        assertThat(small.charAt(0)).as("members below 2^30 start with ZWSP").isEqualTo('\u200B');
        assertThat(FragileMark.breakable(small)).isSameAs(small);

        long big = 0xFFFF_FFFFL;
        String marked = FragileMark.embed(MarkSpeech.PARAGRAPHS.get(3), prf, big, 7, 80);
        assertThat(FragileMark.read(marked, prf)).isNotEmpty().allMatch(new FragileMark.Payload(big, 7)::equals);
        String carried = "前" + "\u200B" + FragileMark.encode(big, 7, prf) + "后";
        assertThat(FragileMark.read(carried, prf)).containsExactly(new FragileMark.Payload(big, 7));
    }

    @Test
    @DisplayName("read returns every payload in order, duplicates kept, across several paragraphs and members")
    void readsAll() {
        List<String> a = FragileMark.embedAll(MarkSpeech.PARAGRAPHS.subList(2, 4), prf, 1, 10);
        List<String> b = FragileMark.embedAll(MarkSpeech.PARAGRAPHS.subList(4, 5), prf, 2, 20);
        List<FragileMark.Payload> found = FragileMark.read(String.join("\n", a) + "\n" + b.get(0), prf);
        long ones = found.stream().filter(p -> p.memberNumber() == 1).count();
        assertThat(ones).isGreaterThan(2);
        assertThat(found.subList(0, (int) ones)).allMatch(new FragileMark.Payload(1, 10)::equals);
        assertThat(found.subList((int) ones, found.size())).isNotEmpty()
                .allMatch(new FragileMark.Payload(2, 20)::equals);
    }

    @Test
    @DisplayName("a tampered payload or another key does not verify")
    void tampered() {
        String marked = FragileMark.embed(MarkSpeech.PARAGRAPHS.get(3), prf, 123_456, revision, 80);
        int payloads = FragileMark.read(marked, prf).size();
        int first = firstDigit(marked);
        char digit = marked.charAt(first + 5);
        char other = FragileMark.DIGITS.charAt((FragileMark.DIGITS.indexOf(digit) + 1) % 4);
        String tampered = marked.substring(0, first + 5) + other + marked.substring(first + 6);
        assertThat(FragileMark.read(tampered, prf)).hasSize(payloads - 1).allMatch(expected::equals);
        Prf otherKey = new Prf("another test key of length".getBytes(StandardCharsets.UTF_8));
        assertThat(FragileMark.read(marked, otherKey)).isEmpty();
    }

    @Test
    @DisplayName("removing zero-width characters removes the payload")
    void stripped() {
        String marked = FragileMark.embed(MarkSpeech.PARAGRAPHS.get(3), prf, 123_456, revision, 80);
        String cleaned = marked.replaceAll("[\\u200B\\u200C\\u200D\\u2060]", "");
        assertThat(FragileMark.read(cleaned, prf)).isEmpty();
        assertThat(NormalText.normalise(marked)).isEqualTo(NormalText.normalise(MarkSpeech.PARAGRAPHS.get(3)));
    }

    @Test
    @DisplayName("a member number beyond 32 bits is refused")
    void memberRange() {
        assertThatThrownBy(() -> FragileMark.embed("一段文字", prf, 1L << 32, 0, 80))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a 10,000-character text carries a payload in every run of invisible characters, and each is read")
    void longText() {
        // How long embedding takes is measured by bench-trace (--eval.cost-only=1, docs/BENCHMARKS.md), not here.
        String text = String.join("", MarkSpeech.PARAGRAPHS).repeat(2);
        String marked = FragileMark.embed(text, prf, 7, revision, 80);
        int runs = 0;
        for (int i = 0; i < marked.length(); i++) {
            if (FragileMark.DIGITS.indexOf(marked.charAt(i)) >= 0
                    && (i == 0 || FragileMark.DIGITS.indexOf(marked.charAt(i - 1)) < 0)) {
                runs++;
            }
        }
        assertThat(runs).isGreaterThanOrEqualTo(text.length() / 80 / 2);
        assertThat(FragileMark.read(marked, prf)).hasSize(runs)
                .allSatisfy(p -> assertThat(p.memberNumber()).isEqualTo(7));
    }

    private static int firstDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (FragileMark.DIGITS.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static int[] visiblePositions(String marked) {
        return java.util.stream.IntStream.range(0, marked.length())
                .filter(i -> FragileMark.DIGITS.indexOf(marked.charAt(i)) < 0).toArray();
    }
}
