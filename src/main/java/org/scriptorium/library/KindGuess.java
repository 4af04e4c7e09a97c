package org.scriptorium.library;

import java.util.LinkedHashMap;
import java.util.Map;

/** Guesses a material's kind from its title when the editor gives none. */
final class KindGuess {

    /** Checked in order: the first word found in the title decides. */
    private static final Map<String, String> WORDS = new LinkedHashMap<>();

    static {
        WORDS.put("主持词", "主持词");
        WORDS.put("调研报告", "调研报告");
        WORDS.put("心得", "心得体会");
        WORDS.put("体会", "心得体会");
        WORDS.put("方案", "方案");
        WORDS.put("总结", "总结");
        WORDS.put("报告", "工作报告");
        WORDS.put("讲话", "讲话稿");
        WORDS.put("致辞", "讲话稿");
        WORDS.put("发言", "讲话稿");
    }

    private static final java.util.List<String> DOCUMENT_KINDS = java.util.List.of(
            "通知", "意见", "决定", "通报", "批复", "请示", "纪要", "公告", "通告", "办法", "规定", "计划", "要点");

    private KindGuess() {
    }

    static String fromTitle(String title) {
        // "在……总结表彰大会上的讲话" is a speech: how a title ends outweighs what it mentions.
        if (title != null && (title.endsWith("讲话") || title.endsWith("致辞") || title.endsWith("发言"))) {
            return "讲话稿";
        }
        // a 公文 is of the kind its title ends with, unless it only issues (印发) a plan or other document
        if (title != null && !title.contains("印发")) {
            for (String kind : DOCUMENT_KINDS) {
                if (title.endsWith(kind)) {
                    return kind;
                }
            }
        }
        if (title != null) {
            for (Map.Entry<String, String> e : WORDS.entrySet()) {
                if (title.contains(e.getKey())) {
                    return e.getValue();
                }
            }
        }
        return "其他";
    }
}
