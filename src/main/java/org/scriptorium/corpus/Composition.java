package org.scriptorium.corpus;

import static org.scriptorium.corpus.Phrases.*;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.scriptorium.corpus.Phrases.Topic;
import org.scriptorium.corpus.Places.Place;

/**
 * Writes one document from its own random number generator. Every choice is drawn from {@code rng}
 * in a fixed order, so the same generator state always yields the same document.
 */
final class Composition implements Template.Slots {

    /** 2018-11-01T00:00:00Z: eight years before {@link SpeechCorpus#REFERENCE}. */
    private static final long EARLIEST = Instant.parse("2018-11-01T00:00:00Z").getEpochSecond();
    private static final long LATEST = SpeechCorpus.REFERENCE.getEpochSecond();
    /** Dates in titles and text are read on Beijing time, as the writers would. */
    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    private static final String NUMERALS = "一二三四五六七八九十";
    private static final String[] TOP_NOTICES = {
        "本资料由××文稿整理 仅供学习 禁止外传", "本文仅供学习交流使用，请勿转载", "XX文库精品范文 版权所有 侵权必究",
    };
    private static final String[] BOTTOM_NOTICES = {
        "更多资料请关注公众号“××文稿”", "更多精品范文，请关注××公众号", "仅供个人学习参考，禁止外传",
    };
    private static final String[] CROSS_PLACEHOLDERS = {"××", "XX", "某某", "×××"};

    private static final Template SPEECH_OPENING = Template.of("今天，我们召开{S}{F}{C}，主要任务是{L}，总结{Z}年以来{S}{F}工作，"
            + "分析当前形势，安排部署下一阶段重点任务。刚才，{W}通报了有关情况，{n}个单位作了交流发言，讲得都很好，我都同意，"
            + "请大家认真抓好落实。");
    private static final Template VISIT_OPENING = Template.of("今天，我们来到{P}，实地调研{F}工作，听取了有关情况汇报，"
            + "大家讲得很好。总的看，{S}{V}{T}，思路清晰、措施有力，取得了明显成效。");
    private static final Template TRAINING_OPENING = Template.of("今天，{S}{F}专题培训班正式开班了。举办这次培训班，"
            + "目的是{L}，进一步提升广大干部做好{F}工作的能力和水平。");
    private static final Template[] SPEECH_CLOSINGS = Template.all(
            "同志们，做好{F}工作责任重大、使命光荣。让我们{L}，{M}，{G}！",
            "同志们，{F}工作任务艰巨、时不我待。希望大家{M}，以更加饱满的精神状态，{G}！",
            "同志们，新征程上，{F}工作只能加强、不能削弱。让我们更加紧密地团结起来，{M}，{G}！");

    private final long index;
    private final SplittableRandom rng;
    private final StringBuilder out = new StringBuilder(8192);

    private Place place;
    private final List<Topic> topics = new ArrayList<>(3);
    private int year;
    /** The year the text looks back on: the publication year, or the year a summary covers. */
    private int focusYear;
    private boolean placeholders;

    Composition(long index, SplittableRandom rng) {
        this.index = index;
        this.rng = rng;
    }

    GeneratedDocument compose() {
        Instant publishedAt = Instant.ofEpochSecond(LATEST - rng.nextLong(1, LATEST - EARLIEST + 1));
        LocalDate date = LocalDate.ofInstant(publishedAt, BEIJING);
        year = date.getYear();
        focusYear = year;
        String kind = kind();
        place = place();
        chooseTopics();
        placeholders = rng.nextInt(100) < 40;
        boolean free = rng.nextInt(100) < 15;
        int notice = rng.nextInt(100); // < 5 at the top, 5..9 at the bottom
        // most materials run 3,000–5,000 characters; a few are short notes or long reports
        int lengthRoll = rng.nextInt(100);
        int target = lengthRoll < 12 ? 2500 + rng.nextInt(500)
                : lengthRoll < 85 ? 3000 + rng.nextInt(2200) : 5200 + rng.nextInt(3800);

        if (notice < 5) {
            line(pick(TOP_NOTICES));
        }
        String[] titleAndOccasion = switch (kind) {
            case "讲话稿" -> speech(date, target);
            case "工作报告" -> report(date, target);
            case "总结" -> summary(date, target);
            case "方案" -> plan(target);
            case "心得体会" -> reflection(target);
            case "主持词" -> hostScript(target);
            default -> survey(date, target);
        };
        if (notice >= 5 && notice < 10) {
            line(pick(BOTTOM_NOTICES));
        }
        out.setLength(out.length() - 1); // no trailing line break, as pasted
        List<String> names = topics.stream().map(Topic::name).toList();
        return new GeneratedDocument(index, kind, names, titleAndOccasion[1], titleAndOccasion[0], out.toString(),
                publishedAt, free);
    }

    // ---- kinds ---------------------------------------------------------------------------------

    private String kind() {
        int roll = rng.nextInt(100);
        return roll < 35 ? "讲话稿" : roll < 47 ? "工作报告" : roll < 62 ? "总结" : roll < 74 ? "方案"
                : roll < 84 ? "心得体会" : roll < 90 ? "主持词" : "调研报告";
    }

    private String[] speech(LocalDate date, int target) {
        String occasion = pick(SPEECH_OCCASIONS);
        String where = rng.nextBoolean() ? place.name() : place.scope();
        String topic = primary().name();
        String title = switch (occasion) {
            case "调研时" -> "在" + place.name() + "调研" + topic + "工作时的讲话";
            case "培训班开班式" -> "在" + place.scope() + topic + "专题培训班开班式上的讲话";
            case "工作会议" -> placeholders && rng.nextInt(10) == 0 ? "在" + place.scope() + "××工作会议上的讲话"
                    : "在" + where + topic + "工作会议上的讲话";
            default -> "在" + where + topic + occasion + "上的讲话";
        };
        titleLine(title);
        if (rng.nextInt(100) < 30) {
            line("（" + date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日）");
        }
        if (placeholders && rng.nextBoolean()) {
            line(place.unitChar() + pick("委书记", "长", "委副书记") + " " + pick(CROSS_PLACEHOLDERS));
        }
        int roll = rng.nextInt(10);
        line(roll < 7 ? "同志们：" : roll < 9 ? "各位领导、同志们：" : "各位代表：");
        Template opening = switch (occasion) {
            case "调研时" -> VISIT_OPENING;
            case "培训班开班式" -> TRAINING_OPENING;
            default -> SPEECH_OPENING;
        };
        String meeting = occasion.equals("调研时") || occasion.equals("培训班开班式") ? "工作会议" : occasion;
        writeWith(opening, meeting);
        topicsSentence();
        out.append("下面，我再讲几点意见。\n");
        thematicSections(target - 180);
        speechClosing();
        return new String[] {title, occasion};
    }

    private String[] report(LocalDate date, int target) {
        boolean toDeputies = rng.nextInt(100) < 15;
        String period = period(date);
        String title = toDeputies ? "关于" + place.scope() + primary().name() + "工作情况的报告"
                : rng.nextInt(4) == 0 ? place.name() + period + primary().name() + "工作情况报告"
                : "关于" + period + place.scope() + primary().name() + "工作情况的报告";
        titleLine(title);
        if (toDeputies) {
            line("各位代表：");
            append("受" + place.unitChar() + "人民政府委托，现将" + place.scope() + primary().name()
                    + "工作情况报告如下，请予审议。");
        } else {
            append("按照" + place.unitChar() + "委、" + place.unitChar() + "政府工作安排，现将" + period + place.scope()
                    + primary().name() + "工作开展情况报告如下。");
        }
        topicsSentence();
        newline();
        int bodyEnd = target - 120;
        int start = out.length();
        List<Runnable> sections = new ArrayList<>();
        sections.add(() -> section("主要工作开展情况", Sub.TASK, Flavor.RESULTS, false));
        sections.add(() -> section("存在的主要问题", Sub.PROBLEM, Flavor.PROBLEMS, true));
        sections.add(() -> section("下一步工作打算", Sub.TASK, Flavor.GENERAL, true));
        if (rng.nextInt(3) == 0) {
            sections.add(() -> section("有关意见建议", Sub.NONE, Flavor.GENERAL, true));
        }
        runSections(sections, start, bodyEnd);
        if (toDeputies) {
            writeLine("各位代表，{F}工作事关全局、事关民生。我们将{M}，{G}！");
        } else {
            writeLine("下一步，我们将{L}，{M}，{V}{T}，{G}。");
        }
        return new String[] {title, "专题汇报"};
    }

    private String[] summary(LocalDate date, int target) {
        int summarised = date.getMonthValue() >= 11 ? year : year - 1; // year-end summaries are written in Nov–Feb
        String title = switch (rng.nextInt(3)) {
            case 0 -> summarised + "年度" + primary().name() + "工作总结";
            case 1 -> place.name() + summarised + "年" + primary().name() + "工作总结";
            default -> place.unitChar() + pick(DEPARTMENTS) + "局" + summarised + "年度" + primary().name() + "工作总结";
        };
        focusYear = summarised;
        titleLine(title);
        append(summarised + "年，在" + place.unitChar() + "委、" + place.unitChar() + "政府的坚强领导下，");
        writeWith(Template.of("{S}{L}，{V}{T}，各项工作取得了积极成效。"), null);
        topicsSentence();
        append("现将有关情况总结如下：\n");
        int start = out.length();
        List<Runnable> sections = new ArrayList<>();
        String first = rng.nextBoolean() ? summarised + "年工作完成情况" : "主要工作及成效";
        sections.add(() -> section(first, Sub.TASK, Flavor.RESULTS, false));
        sections.add(() -> section("存在的问题和不足", Sub.PROBLEM, Flavor.PROBLEMS, true));
        sections.add(() -> section(rng.nextBoolean() ? (summarised + 1) + "年工作思路" : "下一步工作打算",
                Sub.TASK, Flavor.GENERAL, true));
        runSections(sections, start, target - 100);
        writeLine((summarised + 1) + "年，我们将{M}，{V}{T}，{G}。");
        return new String[] {title, "年终总结"};
    }

    private String[] plan(int target) {
        String where = placeholders && rng.nextInt(4) == 0 ? "××" + place.unitChar() : place.name();
        String title = switch (rng.nextInt(3)) {
            case 0 -> where + primary().action() + "三年行动方案";
            case 1 -> where + year + "年" + primary().name() + "工作实施方案";
            default -> "关于开展" + primary().name() + "专项整治的实施方案";
        };
        titleLine(title);
        writeWith(Template.of("为{L}，{V}{T}，结合我" + place.unitChar() + "实际，制定本方案。"), null);
        topicsSentence();
        newline();
        int start = out.length();
        List<Runnable> sections = new ArrayList<>();
        sections.add(() -> section("总体要求", Sub.NONE, Flavor.GENERAL, true));
        if (rng.nextInt(3) > 0) {
            sections.add(() -> section("工作目标", Sub.NONE, Flavor.RESULTS, true));
        }
        sections.add(() -> section("重点任务", Sub.TASK, Flavor.GENERAL, false));
        if (rng.nextBoolean()) {
            sections.add(() -> section("实施步骤", Sub.STEPS, Flavor.GENERAL, false));
        }
        sections.add(() -> section("保障措施", Sub.SAFEGUARD, Flavor.GENERAL, false));
        runSections(sections, start, target);
        return new String[] {title, "印发实施"};
    }

    private String[] reflection(int target) {
        String theory = pick(year >= 2023 ? THEORIES_SINCE_2023 : THEORIES_BEFORE_2023);
        String title = switch (rng.nextInt(3)) {
            case 0 -> "学习贯彻" + theory + "心得体会";
            case 1 -> primary().name() + "专题学习心得体会";
            default -> "参加" + place.scope() + primary().name() + "专题培训班心得体会";
        };
        titleLine(title);
        append("近期，我认真学习了" + theory + "，深受教育、倍感振奋。");
        topicsSentence();
        append("结合自身工作实际，谈几点粗浅体会。\n");
        thematicSections(target - 120);
        writeLine("作为一名党员干部，我将{M}，{V}{T}，为{G}贡献自己的力量。");
        return new String[] {title, title.startsWith("参加") ? "培训班" : "专题学习"};
    }

    private String[] hostScript(int target) {
        String occasion = pick(HOST_OCCASIONS);
        String title = rng.nextBoolean() ? place.scope() + primary().name() + occasion + "主持词"
                : "在" + place.name() + primary().name() + occasion + "上的主持词";
        titleLine(title);
        line("各位领导、同志们：");
        line("现在开会。");
        writeWith(Template.of("今天，我们召开{S}{F}{C}，主要任务是{L}，{V}{T}，动员{S}上下进一步统一思想、"
                + "凝聚共识，确保各项目标任务圆满完成。"), occasion);
        append("出席今天会议的有" + place.unitChar() + "委、" + place.unitChar() + "政府有关领导同志，" + place.scope()
                + "各乡镇（街道）、" + place.unitChar() + "直各部门主要负责同志。会议共有三项议程。\n");
        writeLine("下面，进行会议第一项议程，请{W}通报{S}{F}工作情况。");
        writeLine("进行会议第二项议程，请{H}作交流发言。");
        writeLine("进行会议第三项议程，请{W}讲话。");
        topicsSentence();
        append("刚才，几位同志的讲话和发言都很好。为贯彻落实好这次会议精神，我再强调几点：\n");
        thematicSections(target - 120);
        writeLine("同志们，{F}工作使命光荣、责任重大。让我们{M}，{G}！现在散会。");
        return new String[] {title, occasion};
    }

    private String[] survey(LocalDate date, int target) {
        String title = rng.nextBoolean() ? "关于" + place.scope() + primary().name() + "情况的调研报告"
                : "关于" + place.name() + pick(primary().phrases()) + "的调研报告";
        titleLine(title);
        writeWith(Template.of("为深入了解{S}{T}情况，" + date.getYear() + "年" + date.getMonthValue()
                + "月，调研组深入{n}个乡镇（街道）和有关部门，通过实地查看、座谈交流、个别访谈等方式开展了专题调研。"), null);
        topicsSentence();
        append("现将调研情况报告如下：\n");
        int start = out.length();
        List<Runnable> sections = new ArrayList<>();
        if (rng.nextInt(4) == 0) {
            sections.add(() -> section("基本情况及主要做法", Sub.TASK, Flavor.RESULTS, false));
        } else {
            sections.add(() -> section("基本情况", Sub.NONE, Flavor.RESULTS, true));
            sections.add(() -> section("主要做法及成效", Sub.TASK, Flavor.RESULTS, false));
        }
        sections.add(() -> section("存在的主要问题", Sub.PROBLEM, Flavor.PROBLEMS, true));
        sections.add(() -> section("对策建议", Sub.TASK, Flavor.GENERAL, false));
        runSections(sections, start, target);
        return new String[] {title, "专题调研"};
    }

    // ---- sections ------------------------------------------------------------------------------

    private enum Sub { NONE, THEMATIC, TASK, PROBLEM, SAFEGUARD, STEPS }

    private enum Flavor { GENERAL, RESULTS, PROBLEMS }

    /** Level-1 number of the next section. */
    private int sectionNumber;
    /** Where the section being written should end, as a length of {@link #out}. */
    private int sectionEnd;

    /** Three to five sections with paired headings (提高政治站位，……), the body of speeches and reflections. */
    private void thematicSections(int bodyEnd) {
        int count = 3 + rng.nextInt(3);
        int start = out.length();
        List<Runnable> sections = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sections.add(() -> {
                StringBuilder heading = new StringBuilder(pick(HEADING_OPENERS)).append('，');
                pick(HEADING_SECOND_HALVES).write(this, heading);
                section(heading.toString(), Sub.THEMATIC, Flavor.GENERAL, true);
            });
        }
        runSections(sections, start, bodyEnd);
    }

    /** Runs the sections in order, giving each an equal share of the characters up to {@code bodyEnd}. */
    private void runSections(List<Runnable> sections, int start, int bodyEnd) {
        // at least a few hundred characters per section, even when the opening was long
        int end = Math.max(bodyEnd, start + 400 * sections.size());
        sectionNumber = 0;
        for (int i = 0; i < sections.size(); i++) {
            sectionEnd = start + (int) ((long) (end - start) * (i + 1) / sections.size());
            sections.get(i).run();
        }
    }

    private void section(String heading, Sub sub, Flavor flavor, boolean mayShareLine) {
        out.append(NUMERALS.charAt(sectionNumber++)).append('、').append(heading);
        headingEnd(mayShareLine, flavor);
        int end = sectionEnd;
        int subs = sub == Sub.NONE ? 0 : switch (rng.nextInt(20)) {
            case 0, 1, 2, 3 -> 0;
            case 4, 5 -> 1;
            case 6, 7, 8, 9, 10, 11, 12 -> 2;
            default -> 3;
        };
        if (sub == Sub.STEPS) {
            subs = 3;
        }
        if (subs == 0) {
            paragraphsUntil(end, flavor);
            return;
        }
        int start = out.length();
        for (int j = 0; j < subs; j++) {
            int subEnd = start + (end - start) * (j + 1) / subs;
            out.append('（').append(NUMERALS.charAt(j)).append('）');
            subHeading(sub, j);
            if (sub != Sub.PROBLEM && sub != Sub.STEPS && rng.nextInt(5) == 0) {
                newline();
                items(subEnd, flavor);
            } else {
                headingEnd(true, flavor);
                paragraphsUntil(subEnd, flavor);
            }
        }
    }

    private void subHeading(Sub sub, int j) {
        switch (sub) {
            case PROBLEM -> out.append(pick(PROBLEM_HEADINGS));
            case SAFEGUARD -> out.append(pick(SAFEGUARD_HEADINGS));
            case STEPS -> out.append(new String[] {"动员部署阶段", "组织实施阶段", "总结提升阶段"}[j])
                    .append('（').append(year + j).append("年").append(1 + rng.nextInt(12)).append("月）");
            default -> {
                fill('V', out);
                fill(rng.nextInt(3) == 0 ? 'O' : 'X', out);
            }
        }
    }

    /** Ends a heading's line, or lets body text follow it on the same line after a 。 */
    private void headingEnd(boolean mayShareLine, Flavor flavor) {
        if (mayShareLine && rng.nextBoolean()) {
            out.append('。');
            paragraph(flavor);
        } else {
            newline();
        }
    }

    /** Level-3 items: {@code 1.加强……。……} each on its own line. */
    private void items(int end, Flavor flavor) {
        int n = 0;
        char dot = rng.nextBoolean() ? '.' : '．';
        do {
            out.append(++n).append(dot);
            fill('V', out);
            fill('X', out);
            out.append('。');
            sentences(1 + rng.nextInt(3), flavor);
            newline();
        } while (n < 2 || (out.length() < end && n < 5));
    }

    private void paragraphsUntil(int end, Flavor flavor) {
        do {
            paragraph(flavor);
        } while (out.length() < end);
    }

    /** One paragraph and its line break: enumerated points (一是/第一，) or plain sentences. */
    private void paragraph(Flavor flavor) {
        int roll = rng.nextInt(100);
        if (roll < 35) {
            int n = 2 + rng.nextInt(3);
            if (rng.nextBoolean()) {
                out.append(flavor == Flavor.PROBLEMS ? "主要表现在：" : pick("具体要做到：", "重点抓好以下几个方面：", "要着力在以下方面下功夫："));
            }
            int used = 0; // a bit per problem already listed: a list never names one problem twice
            for (int i = 0; i < n; i++) {
                out.append(NUMERALS.charAt(i)).append('是');
                if (flavor == Flavor.PROBLEMS) {
                    int p;
                    do {
                        p = rng.nextInt(PROBLEMS.length);
                    } while ((used & (1 << p)) != 0);
                    used |= 1 << p;
                    out.append(PROBLEMS[p]);
                } else {
                    pick(POINTS).write(this, out);
                }
                out.append(i == n - 1 ? '。' : '；');
            }
        } else if (roll < 45 && flavor != Flavor.PROBLEMS) {
            int n = 2 + rng.nextInt(2);
            for (int i = 0; i < n; i++) {
                out.append('第').append(NUMERALS.charAt(i)).append('，');
                pick(DIRECTIVES).write(this, out);
            }
        } else {
            sentences(3 + rng.nextInt(4), flavor);
        }
        newline();
    }

    private void sentences(int n, Flavor flavor) {
        for (int i = 0; i < n; i++) {
            switch (flavor) {
                case RESULTS -> pick(rng.nextBoolean() ? RESULT_SENTENCES : SENTENCES).write(this, out);
                case PROBLEMS -> problemSentence();
                default -> pick(SENTENCES).write(this, out);
            }
        }
    }

    private void problemSentence() {
        switch (rng.nextInt(4)) {
            case 0 -> out.append(pick(PROBLEMS)).append("，").append(pick(topic().objects())).append("等方面还存在不少短板。");
            case 1 -> {
                out.append("从调研情况看，").append(pick(PROBLEMS)).append("，影响了");
                fill('T', out);
                out.append("的整体成效。");
            }
            case 2 -> out.append("在").append(pick(topic().objects())).append("方面，").append(pick(PROBLEMS)).append('。');
            default -> pick(SENTENCES).write(this, out);
        }
    }

    // ---- openings and closings -----------------------------------------------------------------

    /** Names every topic inside a longer phrase, so that each listed topic occurs in the text. */
    private void topicsSentence() {
        out.append(focusYear == year ? year + "年以来，" : "一年来，").append(place.scope()).append(pick("坚持统筹推进", "扎实推进", "持续深化")).append(
                pick(topics.getFirst().phrases()));
        for (int i = 1; i < topics.size(); i++) {
            out.append('、').append(pick(topics.get(i).phrases()));
        }
        out.append("等各项工作，总体进展顺利。");
    }

    private void speechClosing() {
        pick(SPEECH_CLOSINGS).write(this, out);
        newline();
        if (rng.nextInt(10) < 4) {
            line("谢谢大家！");
        }
    }

    // ---- slots ---------------------------------------------------------------------------------

    /** The meeting word for slot {@code C} while an opening is written. */
    private String meeting;

    private void writeWith(Template template, String meetingWord) {
        meeting = meetingWord;
        template.write(this, out);
    }

    private void writeLine(String pattern) {
        Template.of(pattern).write(this, out);
        newline();
    }

    @Override
    public void fill(char slot, StringBuilder sb) {
        switch (slot) {
            case 'T' -> sb.append(pick(topic().phrases()));
            case 'N' -> sb.append(topic().name());
            case 'F' -> sb.append(primary().name());
            case 'X' -> sb.append(lastObject = distinct(topic().objects(), lastObject));
            case 'V' -> sb.append(pick(VERBS));
            case 'O' -> sb.append(pick(OBJECTS));
            case 'M' -> sb.append(pick(MANNERS));
            case 'Q' -> sb.append(lastProblem = distinct(PROBLEMS, lastProblem));
            case 'R' -> sb.append(pick(RESULTS));
            case 'L' -> sb.append(pick(year >= 2023 ? LEADS_SINCE_2023 : LEADS_BEFORE_2023));
            case 'G' -> pick(GOALS).write(this, sb);
            case 'E' -> pick(FIGURES).write(this, sb);
            case 'S' -> sb.append(place.scope());
            case 'P' -> sb.append(place.name());
            case 'K' -> sb.append(place.unitChar());
            case 'C' -> sb.append(meeting == null ? "工作会议" : meeting);
            case 'D' -> sb.append(place.unitChar()).append(pick(DEPARTMENTS)).append("部门");
            case 'W' -> sb.append(placeholders && rng.nextInt(10) < 6 ? pick(CROSS_PLACEHOLDERS) + "同志"
                    : "分管副" + place.unitChar() + "长");
            case 'H' -> sb.append(placeholders && rng.nextInt(10) < 6 ? pick("××镇", "XX乡", "某某村", "××街道")
                    : pick("各乡镇（街道）", "各村（社区）", "各园区"));
            case 'J' -> {
                if (placeholders && rng.nextBoolean()) {
                    sb.append("＿＿月底前");
                } else {
                    sb.append(3 + rng.nextInt(10)).append("月底前");
                }
            }
            case 'Y' -> sb.append(focusYear);
            case 'Z' -> sb.append(year - 1);
            case 'n' -> sb.append(3 + rng.nextInt(58));
            case 'm' -> decimal(sb, 5 + rng.nextInt(800));
            case 'r' -> decimal(sb, 850 + rng.nextInt(150));
            case 'g' -> decimal(sb, 10 + rng.nextInt(140));
            default -> throw new IllegalStateException("unknown slot " + slot);
        }
    }

    /** Remembered so that {@code {X}、{X}} and {@code {Q}，{Q}} do not repeat themselves. */
    private String lastObject;
    private String lastProblem;

    /** A pick that differs from {@code previous}, redrawn once: repetition is rare enough after that. */
    private String distinct(String[] options, String previous) {
        String choice = pick(options);
        return choice.equals(previous) ? pick(options) : choice;
    }

    /** Appends {@code tenths / 10} with one decimal, without String.format in the hot path. */
    private static void decimal(StringBuilder sb, int tenths) {
        sb.append(tenths / 10).append('.').append(tenths % 10);
    }

    // ---- choices -------------------------------------------------------------------------------

    private Place place() {
        int roll = rng.nextInt(100);
        if (roll < 15) {
            return pick(Places.PROVINCES);
        }
        if (roll < 40) {
            Place city = pick(Places.CITIES);
            if (!city.name().endsWith("地区")) { // 地区 have 地委 and 行署, not the 委/政府 pair the templates use
                return city;
            }
        }
        return pick(Places.COUNTIES);
    }

    private void chooseTopics() {
        int wanted = switch (rng.nextInt(10)) {
            case 0, 1, 2, 3 -> 1;
            case 4, 5, 6, 7 -> 2;
            default -> 3;
        };
        while (topics.size() < wanted) {
            Topic t = TOPICS[rng.nextInt(TOPICS.length)];
            if (t.plausibleIn(year) && !topics.contains(t)) {
                topics.add(t);
            }
        }
    }

    private Topic primary() {
        return topics.getFirst();
    }

    /** A topic for a slot: mostly the primary one, as real materials dwell on their subject. */
    private Topic topic() {
        return rng.nextInt(100) < 60 ? topics.getFirst() : topics.get(rng.nextInt(topics.size()));
    }

    private static String period(LocalDate date) {
        return switch ((date.getMonthValue() - 1) / 3) {
            case 0 -> (date.getYear() - 1) + "年度";
            case 1 -> date.getYear() + "年一季度";
            case 2 -> date.getYear() + "年上半年";
            default -> date.getYear() + "年前三季度";
        };
    }

    private String pick(String... options) {
        return options[rng.nextInt(options.length)];
    }

    private Template pick(Template[] options) {
        return options[rng.nextInt(options.length)];
    }

    private <T> T pick(List<T> options) {
        return options.get(rng.nextInt(options.size()));
    }

    private void titleLine(String title) {
        line(title);
    }

    private void line(String text) {
        out.append(text).append('\n');
    }

    private void append(String text) {
        out.append(text);
    }

    private void newline() {
        out.append('\n');
    }
}
