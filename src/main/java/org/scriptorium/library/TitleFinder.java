package org.scriptorium.library;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds a material's title: a title line (or two) at the top of the cleaned text; else the uploaded file's name without
 * its extension and a leading date or number; else nothing, and the editor is asked for one. A {@code ——} subtitle is
 * not part of the title: it stays the first line of the body, joined with its own wrapped second line. Plain Java.
 */
final class TitleFinder {

    private static final int MAX_TITLE_WIDTH = 120;
    private static final int WINDOW = 6;
    private static final int FALLBACK_TITLE = 20;

    /** The usual forms of an official-writing title (GB/T 9704 and the kinds this library sells). */
    private static final Pattern TITLE_FORM = Pattern.compile(
            "(?:关于.{1,80}的(?:通知|通报|意见|决定|方案|报告|请示|批复|函|复函|规定|办法|细则|公告|通告|决议|纪要|指示|命令|答复|建议|议案|实施意见|指导意见)"
                    + "|在.{2,60}(?:上|会|期间|仪式|典礼|活动|座谈会)的(?:讲话|致辞|发言|报告|主持词|总结讲话|动员讲话|讲话稿|讲话提纲|汇报|表态发言)"
                    + "|(?:工作报告|报告|总结|心得体会|体会|主持词|讲话|讲话稿|讲话提纲|发言|发言稿|发言材料|致辞|演讲稿|方案|计划|要点"
                    + "|述职报告|述职述廉报告|汇报|汇报材料|调研报告|党课讲稿|讲稿|提纲|对照检查材料|剖析材料|检视剖析材料|事迹材料|典型材料|经验材料"
                    + "|交流材料|简报|倡议书|公开信|贺信|决定|通知|意见|通报|纪要|章程|规定|办法|细则|条例|规划|年度报告|白皮书|公报|主持稿|串词|致辞稿))"
                    + "(?:[（(][^）)]{1,20}[）)])?$");
    /** A title that opens its own form: 关于……的通知, 在……上的讲话 (a generic ending such as ……报告 may be a wrapped part). */
    private static final Pattern STRONG_TITLE = Pattern.compile(
            "^.{0,30}(?:关于.{1,80}的(?:通知|通报|意见|决定|方案|报告|请示|批复|函|规定|办法|公告|通告|决议|纪要)"
                    + "|在.{2,60}(?:上|会|期间|仪式|典礼|活动|座谈会)的(?:讲话|致辞|发言|报告|主持词|总结讲话|动员讲话|讲话稿|汇报|表态发言))$");
    /** A field label ({@code 标题：}, {@code 来源：}): such a line is a page's metadata, not a title. */
    private static final Pattern LABEL = Pattern.compile("^[【\\[]?[\\p{IsHan}]{1,6}[】\\]]?\\s*[：:]");
    private static final Pattern ORGAN = Pattern.compile(
            "^[\\p{IsHan}（）()、\\s]{2,40}(?:国务院|政府|委员会|办公厅|办公室|部|厅|局|院|署|党委|党组|常委会|人大|政协|公司|集团|大学|学院|协会|联合会|总工会|街道|办事处)$");
    /** Lines at the top that are neither title nor body: 红头, 份号, 密级, 紧急程度, 发文字号, dates. */
    private static final Pattern NOT_TITLE = Pattern.compile(
            "^(?:.{2,30}文件|特急|加急|急件|平急|特提|机密|秘密|绝密|内部|内部资料|[0-9]{6}|(?:机密|秘密)★.*|目\\s*录"
                    + "|[（(]?(?:19|20)[0-9]{2}\\s*年(?:\\s*[0-9]{1,2}\\s*月)?[）)]?)$");
    /** A bare kind or category label above the real title (讲话稿 / 在……上的讲话). */
    private static final Pattern KIND_LABEL = Pattern.compile(
            "^[【\\[]?(?:讲话稿|讲话|范文|精品范文|致辞|发言|发言稿|主持词|总结|报告|方案|通知|心得体会|公文|材料|演讲稿)[】\\]]?$");
    private static final Pattern SUBTITLE_END = Pattern.compile("(?:上|讲话|发言|报告|致辞|主持词|[）)])$");
    private static final Pattern POINT_START = Pattern.compile("^(?:十|[一二三四五六七八九])是|^第[一二三四五六七八九十]+[，,、]");
    private static final Pattern SPACE_BY_HAN = Pattern.compile("(?<=\\p{IsHan})\\s+(?=[0-9A-Za-z])|(?<=[0-9A-Za-z])\\s+(?=\\p{IsHan})"
            + "|(?<=\\p{IsHan})\\s+(?=\\p{IsHan})");
    private static final Pattern FILE_PREFIX = Pattern.compile(
            "^(?:[A-Za-z]{0,3}[0-9]{1,4}[_\\-.、\\s)）]+|[0-9]{4}[-_.]?[0-9]{1,2}[-_.]?[0-9]{1,2}[_\\-\\s.]*|【[^】]{0,20}】|\\[[^]]{0,20}]|[（(][0-9]{1,3}[）)])");
    private static final Pattern FILE_SUFFIX = Pattern.compile("(?:\\s*[-_]?\\s*副本|\\s*[（(][0-9]{1,3}[）)]|\\s*-\\s*[0-9]{1,3})$");
    private static final Pattern GENERIC_NAME = Pattern.compile(
            "(?i)^(?:新建.*文档|未命名.*|无标题.*|文档[0-9]*|document[0-9]*|untitled.*|doc[0-9]*|text[0-9]*|[0-9a-f_\\-]{8,}|[0-9_\\-\\s]*)$");

    /**
     * The title found.
     *
     * @param title  the title, one line, spaces between Chinese characters and numbers removed
     * @param origin where it came from
     * @param body   the lines after the title (all lines when the title is not from the text), a wrapped subtitle
     *               joined into one line
     */
    record Found(String title, TitleOrigin origin, List<String> body) {
    }

    private TitleFinder() {
    }

    /** True when the line reads like the title of a 公文, speech, report or one of the other kinds sold here. */
    static boolean isTitleForm(String line) {
        String s = trimEnd(line);
        return HardWraps.width(s) <= MAX_TITLE_WIDTH + 40 && !s.contains("。") && !LABEL.matcher(s).find()
                && TITLE_FORM.matcher(s).find();
    }

    static Found find(List<String> lines, String fileName) {
        int first = 0;
        while (first < Math.min(lines.size(), WINDOW) && (skippable(lines.get(first))
                || KIND_LABEL.matcher(lines.get(first)).matches() && first + 1 < lines.size() && titleLike(lines.get(first + 1)))) {
            first++;
        }
        if (first < lines.size() && first < WINDOW && titleLike(lines.get(first))) {
            // a short line above a line that reads as a title (a notice the editor kept, a column name) is not it
            for (int k = first + 1; k <= first + 3 && k < lines.size() && !isTitleForm(lines.get(first)); k++) {
                if (!titleLike(lines.get(k - 1))) {
                    break;
                }
                if (titleLike(lines.get(k)) && STRONG_TITLE.matcher(trimEnd(lines.get(k))).find()
                        && !ORGAN.matcher(lines.get(k - 1)).matches() && !lines.get(k - 1).contains("关于")) {
                    first = k;
                    break;
                }
            }
            String title = lines.get(first);
            int next = first + 1;
            if (next < lines.size() && joinsSecondLine(title, lines.get(next))) {
                title = title + lines.get(next);
                next++;
            } else if (next + 1 < lines.size() && !isTitleForm(title) && titleLike(lines.get(next))
                    && !skippable(lines.get(next)) && !isTitleForm(lines.get(next))
                    && joinsSecondLine(title + lines.get(next), lines.get(next + 1))) {
                // a title wrapped over three lines: 淮安市洪泽区人民政府 / 2024 年政府信息公开 / 工作年度报告
                title = title + lines.get(next) + lines.get(next + 1);
                next += 2;
            }
            List<String> body = new ArrayList<>(lines.subList(0, first));
            body.addAll(joinSubtitle(lines.subList(next, lines.size())));
            return new Found(normalise(title), TitleOrigin.TEXT, body);
        }
        String fromName = fromFileName(fileName);
        if (fromName != null) {
            return new Found(fromName, TitleOrigin.FILE_NAME, lines);
        }
        return new Found(fallback(lines.isEmpty() ? "" : lines.getFirst()), TitleOrigin.NONE, lines);
    }

    /** The file's name without folders, extension, a leading date or number, or a copy suffix; null when generic. */
    static String fromFileName(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            return null;
        }
        String name = fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot > 0 && name.length() - dot <= 6) {
            name = name.substring(0, dot);
        }
        name = TextLines.trim(name);
        for (int i = 0; i < 3; i++) {
            name = TextLines.trim(FILE_PREFIX.matcher(name).replaceFirst(""));
        }
        name = TextLines.trim(FILE_SUFFIX.matcher(name).replaceFirst(""));
        name = name.replace('_', ' ').strip();
        if (name.isEmpty() || GENERIC_NAME.matcher(name).matches() || !name.codePoints().anyMatch(TitleFinder::isHan)) {
            return null;
        }
        return normalise(name);
    }

    private static boolean skippable(String line) {
        return NOT_TITLE.matcher(line).matches() || OfficialElementsReader.documentNumber(line) != null
                && HardWraps.width(line) <= 40 || OfficialElementsReader.isDate(line);
    }

    private static boolean titleLike(String line) {
        int width = HardWraps.width(line);
        char last = line.charAt(line.length() - 1);
        return width <= MAX_TITLE_WIDTH
                && !line.contains("。")
                && !line.startsWith("——")
                && "；;：:，,、".indexOf(last) < 0
                && HeadingPattern.match(line).isEmpty()
                && !POINT_START.matcher(line).find();
    }

    /**
     * A title wrapped over two lines: the first is an organ's name or an unfinished {@code 关于……} and the two together
     * read as a title, or the first alone does not while the second ends like one.
     */
    private static boolean joinsSecondLine(String first, String second) {
        if (!titleLike(second) || skippable(second) || second.startsWith("——")
                || HardWraps.width(first) + HardWraps.width(second) > MAX_TITLE_WIDTH + 40) {
            return false;
        }
        if (isTitleForm(first) && !ORGAN.matcher(first).matches()) {
            return false;
        }
        String joined = first + second;
        return isTitleForm(joined) && (ORGAN.matcher(first).matches() || first.contains("关于") || isTitleForm(second)
                || HardWraps.width(second) <= 30);
    }

    /** A {@code ——} subtitle wrapped over two lines (……在广东省第十四届 / 人民代表大会第五次会议上) becomes one line. */
    private static List<String> joinSubtitle(List<String> rest) {
        if (rest.size() >= 2 && rest.getFirst().startsWith("——") && !SUBTITLE_END.matcher(rest.getFirst()).find()
                && SUBTITLE_END.matcher(rest.get(1)).find() && titleLike(rest.get(1))) {
            List<String> joined = new ArrayList<>();
            joined.add(rest.getFirst() + rest.get(1));
            joined.addAll(rest.subList(2, rest.size()));
            return joined;
        }
        return rest;
    }

    private static String normalise(String title) {
        return SPACE_BY_HAN.matcher(TextLines.trim(title)).replaceAll("");
    }

    private static String trimEnd(String s) {
        int end = s.length();
        while (end > 0 && "。；：！？.;:!?，, ".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(0, end);
    }

    private static boolean isHan(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }

    /** The first sentence of the text, or its first twenty characters, for a material nobody has named yet. */
    static String fallback(String firstLine) {
        String s = firstLine == null ? "" : firstLine;
        int sentenceEnd = -1;
        for (int i = 0; i < s.length(); i++) {
            if ("。！？；：!?;:".indexOf(s.charAt(i)) >= 0) {
                sentenceEnd = i;
                break;
            }
        }
        if (sentenceEnd > 0 && sentenceEnd <= FALLBACK_TITLE) {
            return s.substring(0, sentenceEnd);
        }
        if (s.codePointCount(0, s.length()) <= FALLBACK_TITLE) {
            return s.isEmpty() ? "（未命名）" : s;
        }
        return s.substring(0, s.offsetByCodePoints(0, FALLBACK_TITLE)) + "…";
    }
}
