package org.scriptorium.library;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Separates the source's boilerplate (copyright notices, adverts, contact and group numbers) from
 * the body. Near the top or bottom a notice phrase is enough; in the middle of the body only a line
 * carrying a contact identifier is removed, so that genuine sentences about 学习 or 关注 survive.
 */
final class NoticeFilter {

    /** How many lines at each end count as the edge where notices usually sit. */
    private static final int EDGE = 4;
    /** Longer lines at the edge are body text even if they mention a notice phrase. */
    private static final int MAX_EDGE_NOTICE = 80;

    /** A contact identifier: QQ or group numbers, WeChat ids, shop names. Enough anywhere. */
    private static final Pattern CONTACT = Pattern.compile(
            "(?i)(?:QQ|扣扣|群号|加群|进群|qq群)[^0-9A-Za-z]{0,6}[0-9]{5,}"
                    + "|(?:微信|威信|V信|VX|WX|weixin|微信号)[号]?[\\s:：]*[A-Za-z0-9_-]{5,}"
                    + "|(?:淘宝|天猫|拼多多|闲鱼)(?:店|店铺|搜索)");

    private static final PatternScan CONTACT_SCAN = new PatternScan(CONTACT, "Qq扣群加进微威VvWw淘天拼闲");

    /** Phrases that only source notices use; trusted at the edges. */
    private static final Pattern NOTICE = Pattern.compile(
            "仅供(?:学习|交流|个人)|(?:禁止|请勿|严禁|不得)(?:外传|转载|传播|商用|转发)|侵权必[究删]|版权所有"
                    + "|更多(?:资料|范文|精品|文稿)|获取更多");

    /**
     * Words that adverts use but body text may too (微信, 订阅, 整理 …); at the edges they mark a notice
     * only on a line that does not end like a sentence, since adverts rarely do.
     */
    private static final Pattern MENTION = Pattern.compile(
            "(?i)订阅|加群(?!众)|进群(?!众)|群号|公众号|淘宝|店铺|微信|VX|QQ|扫码|扫一扫|二维码|由.{0,15}整理|文稿整理|资料整理|整理$");

    private static final String SENTENCE_END = "。！!";

    /** A decorative line of dashes, equals signs or stars framing a notice. */
    private static final Pattern SEPARATOR = Pattern.compile("^[-=—─━*~·•_＝－]{3,}$");

    record Result(List<String> kept, List<String> notices) {
    }

    private NoticeFilter() {
    }

    static Result filter(List<String> lines) {
        int n = lines.size();
        boolean[] drop = new boolean[n];
        for (int i = 0; i < n; i++) {
            String line = lines.get(i);
            boolean edge = i < EDGE || i >= n - EDGE;
            drop[i] = CONTACT_SCAN.find(line) || (edge && isEdgeNotice(line));
        }
        // the edge extends through a run of notices, e.g. five lines of adverts at the bottom
        for (int i = EDGE; i < n; i++) {
            drop[i] |= drop[i - 1] && isEdgeNotice(lines.get(i));
        }
        for (int i = n - EDGE - 1; i >= 0; i--) {
            drop[i] |= drop[i + 1] && isEdgeNotice(lines.get(i));
        }
        List<String> kept = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String line = lines.get(i);
            if (SEPARATOR.matcher(line).matches() && (i < EDGE || i >= n - EDGE || nearDropped(drop, i))) {
                continue; // a frame carries no text worth keeping as a notice
            }
            if (drop[i]) {
                notices.add(line);
            } else {
                kept.add(line);
            }
        }
        return new Result(kept, notices);
    }

    private static boolean isEdgeNotice(String line) {
        if (line.length() > MAX_EDGE_NOTICE) {
            return false;
        }
        boolean sentence = SENTENCE_END.indexOf(line.charAt(line.length() - 1)) >= 0;
        return NOTICE.matcher(line).find() || (!sentence && MENTION.matcher(line).find());
    }

    private static boolean nearDropped(boolean[] drop, int i) {
        return (i > 0 && drop[i - 1]) || (i + 1 < drop.length && drop[i + 1]);
    }
}
