package org.scriptorium.delivery;

import static org.scriptorium.delivery.DeliveredParagraph.Style.*;

import java.util.ArrayList;
import java.util.List;

/** A work report written for the PDF tests, and a long one built from it. */
final class Reports {

    static final String NOTICE = "本文为会员 1024 的个人副本，含可追溯标记，外传必究 · Scriptorium";

    static DeliveredDocument shortReport() {
        return new DeliveredDocument("关于二〇二五年度机关作风建设情况的报告", List.of(
                new DeliveredParagraph(SALUTATION, "各位领导："),
                new DeliveredParagraph(BODY, "按照年初部署，我局围绕转作风、提效能、优服务三项重点，扎实推进机关作风建设，现将有关情况报告如下。"),
                new DeliveredParagraph(HEADING_1, "一、主要做法"),
                new DeliveredParagraph(HEADING_2, "（一）健全制度体系。"),
                new DeliveredParagraph(BODY, "修订完善考勤、督办、问责等制度12项，做到用制度管人、按制度办事。"),
                new DeliveredParagraph(HEADING_3, "1.压实工作责任。"),
                new DeliveredParagraph(HEADING_4, "（1）细化任务清单。"),
                new DeliveredParagraph(BODY, "全年共办理群众来信来访326件，按期办结率达到98.6%，群众满意度明显提升。"),
                new DeliveredParagraph(CLOSING, "下一步，我们将持续用力、久久为功，推动作风建设常态化长效化。")), NOTICE);
    }

    /** About {@code characters} characters of body text in paragraphs of some 200 characters. */
    static DeliveredDocument longReport(int characters) {
        String sentence = "坚持问题导向，聚焦群众反映强烈的突出问题，逐项建立台账，明确责任单位和完成时限，确保件件有着落、事事有回音。";
        List<DeliveredParagraph> paragraphs = new ArrayList<>();
        int written = 0;
        for (int n = 1; written < characters; n++) {
            if (n % 6 == 1) {
                paragraphs.add(new DeliveredParagraph(HEADING_1, chineseNumber(n / 6 + 1) + "、持续深化作风建设第" + n + "项"));
            }
            String text = ("第" + n + "段，") + sentence.repeat(4);
            paragraphs.add(new DeliveredParagraph(BODY, text));
            written += text.length();
        }
        return new DeliveredDocument("机关作风建设长篇报告", paragraphs, NOTICE);
    }

    private static String chineseNumber(int n) {
        String digits = "零一二三四五六七八九十";
        return n <= 10 ? String.valueOf(digits.charAt(n)) : n < 20 ? "十" + digits.charAt(n - 10)
                : digits.charAt(n / 10) + "十" + (n % 10 == 0 ? "" : String.valueOf(digits.charAt(n % 10)));
    }

    private Reports() {}
}
