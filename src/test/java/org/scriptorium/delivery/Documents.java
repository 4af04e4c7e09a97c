package org.scriptorium.delivery;

import static org.scriptorium.delivery.DeliveredParagraph.Style.*;

import java.util.List;

/** A short speech written for these tests. */
final class Documents {

    static final String NOTICE = "本文为会员 1024 的个人副本，含可追溯标记，外传必究 · Scriptorium";

    static DeliveredDocument speech() {
        return new DeliveredDocument("在全县乡村振兴工作推进会上的讲话", List.of(
                new DeliveredParagraph(SALUTATION, "同志们："),
                new DeliveredParagraph(BODY, "今天召开会议，主要任务是总结工作、部署任务。"),
                new DeliveredParagraph(HEADING_1, "一、提高站位，增强责任感"),
                new DeliveredParagraph(HEADING_2, "（一）把握形势。"),
                new DeliveredParagraph(HEADING_3, "1.认清机遇。"),
                new DeliveredParagraph(HEADING_4, "（1）用好政策。"),
                new DeliveredParagraph(BODY, "一是抓好产业，二是抓好人才，XX镇要走在前列。𠀀"),
                new DeliveredParagraph(CLOSING, "同志们，让我们齐心协力，再创佳绩！")), NOTICE);
    }

    private Documents() {}
}
