package org.scriptorium.library;

import java.util.List;
import java.util.Locale;

/**
 * What a placeholder stands for, read from its neighbours: one token ({@code ××}) is written for a county in
 * {@code ××县}, for a number in {@code 目标责任书××份} and for a day in {@code 7月××日}, so a reader's value is given per
 * meaning, never per token.
 *
 * <p>Neighbours are read as the reader sees them: format characters (the copy's invisible marks) and spaces between a
 * placeholder and its neighbour are skipped.
 */
public enum PlaceholderMeaning {
    /** A place or an organisation: {@code ××县}, {@code ××镇党委}, {@code 某某街道}, {@code ××县应急管理局}. */
    PLACE("地名/单位"),
    /** A person: {@code ××同志}, {@code 县长 ×××}, {@code 联系人：某某}, {@code 王××}. */
    NAME("人名"),
    /** A number or a count: {@code ××份}, {@code ××%}, {@code 第××}, {@code ××万元}. */
    NUMBER("数字"),
    /** A date or a part of one: {@code ××年××月××日}, {@code XX月底}. */
    DATE("日期"),
    /** Anything else ({@code 推动××事业}). */
    OTHER("其他");

    private final String label;

    PlaceholderMeaning(String label) {
        this.label = label;
    }

    /** The name a reader sees, such as {@code 地名/单位}. */
    public String label() {
        return label;
    }

    /** The lower-case name used in forms and query parameters, such as {@code place}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    // Organisations whose name begins like a count or a title (人民政府, 委员会) are places, asked before the others.
    private static final List<String> ORGANISATIONS_FIRST = List.of("人民政府", "人民代表大会", "人大", "人民医院",
            "人民法院", "人民检察院", "人社", "人力资源", "委员会", "代表大会");
    private static final List<String> PERSON_AFTER = List.of("同志", "等同志", "先生", "女士", "副书记", "书记", "县长",
            "市长", "省长", "区长", "乡长", "镇长", "村长", "主任", "局长", "处长", "科长", "部长", "厅长", "主席", "委员",
            "代表", "总经理", "经理", "董事长", "校长", "院长", "老师", "教授", "厂长", "队长", "组长", "秘书长", "所长",
            "站长");
    private static final List<String> PERSON_BEFORE = List.of("姓名", "联系人", "负责人", "签名", "签字", "主持人",
            "报告人", "发言人", "书记", "县长", "市长", "省长", "区长", "乡长", "镇长", "主任", "局长", "部长");
    private static final List<String> DATE_BEFORE = List.of("日期", "时间", "成文日期");
    private static final List<String> COUNT_AFTER = List.of("%", "％", "‰", "份", "个", "名", "人", "万", "亿", "千",
            "百", "元", "次", "家", "项", "条", "户", "座", "公里", "千米", "米", "亩", "公顷", "平方", "吨", "天", "倍", "余",
            "多", "批", "场", "件", "台", "辆", "间", "套", "册", "期", "届", "类", "种", "起", "宗", "笔", "位", "岁", "小时",
            "分钟", "周", "页", "篇", "支", "处", "所", "张", "本", "课时", "学时", "号");
    private static final List<String> COUNT_BEFORE = List.of("第", "共", "计", "达", "约", "近", "超过", "不少于", "不低于",
            "至少", "电话", "手机", "编号");
    private static final List<String> PLACE_AFTER = List.of("省", "市", "县", "区", "乡", "镇", "村", "街道", "社区", "州",
            "盟", "旗", "自治", "地区", "开发区", "新区", "园区", "小区", "组", "屯", "片区", "局", "厅", "委", "办", "公司",
            "集团", "厂", "学校", "小学", "中学", "大学", "学院", "医院", "中心", "单位", "政府", "党委", "党组", "党工委",
            "支部", "党支部", "银行", "协会", "站", "科", "院", "队", "矿", "部门", "机关", "系统", "街", "路");
    private static final List<String> PLACE_BEFORE = List.of("位于", "来自", "地点", "单位", "地址");
    /** The commonest surnames: {@code 王××} is a person when nothing but a break stands before the surname. */
    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘"
            + "蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";

    /**
     * The meaning of the placeholder standing at {@code [start, end)} of {@code text}, by the words on either side. A
     * date part ({@code ××年}) is a date; the year count of {@code 近××年} is a number.
     */
    public static PlaceholderMeaning of(String text, int start, int end) {
        String after = after(text, end, 4);
        String before = before(text, start, 6);
        if (startsWithAny(after, ORGANISATIONS_FIRST)) {
            return PLACE;
        }
        if (startsWithAny(after, PERSON_AFTER) || endsWithAny(before, PERSON_BEFORE)) {
            return NAME;
        }
        if (!dateUnit(text, start, end).isEmpty() && !yearsCounted(before, after)) {
            return DATE;
        }
        if (endsWithAny(before, DATE_BEFORE)) {
            return DATE;
        }
        if (startsWithAny(after, COUNT_AFTER) || endsWithAny(before, COUNT_BEFORE) || after.startsWith("年")) {
            return NUMBER;
        }
        if (startsWithAny(after, PLACE_AFTER) || endsWithAny(before, PLACE_BEFORE)) {
            return PLACE;
        }
        return surnameBefore(text, start) ? NAME : OTHER;
    }

    /**
     * For a placeholder ending at {@code end} that is part of a date, the unit written after it: {@code 年}, {@code 月}
     * or {@code 日} ({@code 号} read as {@code 日} after a month); empty when none follows. {@code ××号} with no month
     * before it is a number ({@code 〔2024〕××号}), not a day.
     */
    public static String dateUnit(String text, int start, int end) {
        String after = after(text, end, 1);
        if (after.startsWith("年")) {
            return "年";
        }
        if (after.startsWith("月")) {
            return "月";
        }
        if (after.startsWith("日")) {
            return "日";
        }
        if (after.startsWith("号") && before(text, start, 1).equals("月")) {
            return "日";
        }
        return "";
    }

    /** {@code 近××年}, {@code ××年来}, {@code ××年以上}: a number of years, not a year. */
    private static boolean yearsCounted(String before, String after) {
        return after.startsWith("年") && (after.startsWith("年来") || after.startsWith("年以") || after.startsWith("年内")
                || after.startsWith("年间") || endsWithAny(before, List.of("近", "过去", "多", "这", "几", "每", "连续")));
    }

    /** {@code 王××} after a break: a surname standing alone before the placeholder. */
    private static boolean surnameBefore(String text, int start) {
        String before = before(text, start, 2);
        if (before.isEmpty() || SURNAMES.indexOf(before.charAt(before.length() - 1)) < 0) {
            return false;
        }
        return before.length() < 2 || !Character.isIdeographic(before.charAt(0));
    }

    /** Up to {@code n} visible characters after {@code end}, skipping format characters and spaces. */
    static String after(String text, int end, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = end; i < text.length() && b.length() < n; i++) {
            char c = text.charAt(i);
            if (!skipped(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Up to {@code n} visible characters before {@code start}, in reading order, skipping as {@link #after} does. */
    static String before(String text, int start, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = start - 1; i >= 0 && b.length() < n; i--) {
            char c = text.charAt(i);
            if (!skipped(c)) {
                b.append(c);
            }
        }
        return b.reverse().toString();
    }

    private static boolean skipped(char c) {
        return Character.getType(c) == Character.FORMAT || Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static boolean startsWithAny(String s, List<String> words) {
        for (String w : words) {
            if (s.startsWith(w)) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsWithAny(String s, List<String> words) {
        String t = s.endsWith("：") || s.endsWith(":") ? s.substring(0, s.length() - 1) : s;
        for (String w : words) {
            if (t.endsWith(w)) {
                return true;
            }
        }
        return false;
    }
}
