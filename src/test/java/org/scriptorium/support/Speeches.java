package org.scriptorium.support;

/** Speech-like texts written for these tests. */
public final class Speeches {

    private Speeches() {
    }

    /**
     * A generated report of about 8,800 characters (over 200 variation sites), so that one copy carries enough marks
     * to name its reader, ending with a sentence about {@code word} so that each test's material is its own.
     */
    public static String longSpeech(String word) {
        org.scriptorium.corpus.SpeechCorpus corpus = new org.scriptorium.corpus.SpeechCorpus(99);
        for (long i = 0; ; i++) {
            String text = corpus.document(i).text();
            if (text.length() > 8_000) {
                return text + (word.isEmpty() ? "" : "\n要抓好" + word + "工作。");
            }
        }
    }

    /** The title of {@link #longSpeech}. */
    public static final String LONG_SPEECH_TITLE = "关于静海区先进制造业集群的调研报告";

    /** A short speech with a notice at the top and bottom, headings that share their line with text, and placeholders. */
    public static final String RURAL_MEETING = """
            本文由××文稿整理 仅供学习 禁止外传
            在全县春季农业生产工作会议上的讲话
            同志们：
            今天召开这次会议，主要任务是安排部署春季农业生产工作。刚才，××镇、某某村作了发言，讲得很好。
            一、提高思想认识，切实增强抓好春耕生产的责任感。一是要看到粮食安全是国之大者；二是要看到春耕时节不等人。
            （一）压实工作责任。各乡镇要把春耕生产摆上重要议事日程，主要负责同志要亲自抓。
            （二）强化要素保障。要提前调运种子、化肥、农药，确保农资供应不断档。
            二、突出工作重点，扎实推进各项任务落地见效
            1.抓好粮食播种。全县粮食播种面积要稳定在XXX万亩以上，第一，要落实面积；第二，要提高单产。
            2.抓好农田水利。要在＿＿月底前完成沟渠清淤任务。
            三、加强组织领导，确保春耕生产有序推进。各级各部门要密切配合，形成工作合力。
            同志们，春耕生产时间紧、任务重，让我们以更加务实的作风，奋力夺取全年农业丰收！
            更多资料请关注公众号某某文稿，咨询QQ123456789
            """;

    /** The same speech with one paragraph rewritten, for revisions. */
    public static final String RURAL_MEETING_REVISED = RURAL_MEETING.replace(
            "要提前调运种子、化肥、农药，确保农资供应不断档。",
            "要提前调运种子、化肥、农药和农机配件，确保农资供应不断档、不脱节。");
}
