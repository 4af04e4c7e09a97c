package org.scriptorium.tracing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The robust layer's sites: places in a revision where a curated, meaning-preserving alternative may be written.
 * The list of pairs is deliberately short and conservative; an editor may veto a pair or a single place per material.
 */
public final class VariationSites {

    /**
     * A curated pair of forms that an editor accepts as interchangeable in official prose.
     *
     * @param id    a stable id, {@code "w:form0/form1"} for wording, {@code "p:form0/form1"} for punctuation
     * @param form0 the first form of the pair
     * @param form1 the second form of the pair
     * @param why   why the two are interchangeable, and where they are not used
     */
    public record Rule(String id, String form0, String form1, String why) {
    }

    /** Conditions on a match's surroundings that keep a pair to the places where it is safe. */
    enum Need {
        /** a Han character just before */
        HAN_BEFORE,
        /** a Han character just after: verbs and adverbs are varied only where they take an object or a verb */
        HAN_AFTER,
        /** at the start of a paragraph or clause */
        CLAUSE_START,
        /** a comma just after: connectives that open a sentence */
        COMMA_AFTER,
        /** no numeral just before (八十分 is a score, not "very") */
        NO_NUMERAL_BEFORE,
        /** an Arabic or Chinese numeral just after: 达到/达 before a figure */
        DIGIT_AFTER
    }

    /** A rule with what keeps it safe: words in which its forms must not be varied, and needed surroundings. */
    record Curated(Rule rule, Set<Need> needs, List<String> except, boolean form1InSource) {
    }

    private static final List<Curated> CURATED = List.of(
            word("加强", "强化", "verbs 'strengthen'; both take the same objects", hanAfter()),
            word("确保", "保证", "verbs 'ensure'; not in nouns such as 保证金", hanAfter(),
                    "保证金", "保证书", "保证人", "保证期", "质量保证"),
            word("推动", "推进", "verbs 'advance' a task or reform; not the noun (工作推进不力)", hanAfter(),
                    "推进器", "推动力", "工作推进", "工作推动"),
            word("提高", "提升", "verbs 'raise' a level or capacity", hanAfter(), "提高警惕", "提升为"),
            word("目前", "当前", "adverbs 'at present'", none(),
                    "目前为止", "截至目前", "截止目前", "到目前", "当前位置"),
            word("做好", "抓好", "'do well' a piece of work", hanAfter(), "做好事", "做好人", "做好准备"),
            word("必须", "务必", "modal 'must' before a verb", hanAfter(), "必须的"),
            word("和", "与", "conjunction 'and' between two Han words; not inside words such as 和谐 or 参与",
                    EnumSet.of(Need.HAN_BEFORE, Need.HAN_AFTER),
                    "和平", "和谐", "和睦", "温和", "总和", "平和", "缓和", "调和", "共和", "和美", "祥和", "饱和",
                    "和气", "随和", "柔和", "附和", "谦和", "和蔼", "讲和", "和解", "和好", "和煦", "暖和", "和衷",
                    "人和", "和合", "中和", "和顺", "和风", "和畅", "和约", "和谈", "和而", "和田", "和县", "和声",
                    "参与", "与会", "与其", "与否", "给与", "授与", "赋与", "与此", "与时俱进", "与日俱增",
                    "与众不同", "与生俱来", "与人为善", "相与", "与共", "与虎谋皮"),
            word("进一步", "进一步地", "adverb 'further' before a verb, with or without 地", hanAfter(),
                    "进一步的", "更进一步"),
            word("同时", "与此同时", "'meanwhile' opening a clause; never 在……的同时", clauseOpener()),
            word("不断", "持续", "adverbs 'continuously' before a verb; not in 可持续 or idioms",
                    hanAfter(), "源源不断", "接连不断", "连续不断", "持续不断", "不断了", "可持续", "持续性",
                    "持续时间", "持续期", "持续了", "持续的", "持续着", "持续到", "持续至", "持续下去", "持续中"),
            word("因此", "因而", "'therefore'", none(), "因此而"),
            word("但是", "然而", "'however' opening a clause", EnumSet.of(Need.CLAUSE_START)),
            word("并且", "而且", "'and also' joining clauses", none()),
            word("尽快", "尽早", "'as soon as possible' before a verb", hanAfter()),
            word("认识到", "意识到", "'realise'", none()),
            word("举措", "措施", "nouns 'measures'", none()),
            word("此外", "另外", "'besides' opening a sentence", clauseOpener()),
            word("总之", "总而言之", "'in short' opening a sentence", clauseOpener()),
            word("例如", "比如", "'for example'", none(), "比如说"),
            word("之中", "当中", "'among, in' after a noun", EnumSet.of(Need.HAN_BEFORE), "正当中"),
            word("落到实处", "落在实处", "set phrase 'carried out in earnest'", none()),
            word("抓紧", "加紧", "'step up' a task", hanAfter(), "抓紧时间"),
            word("应当", "应该", "modal 'should' before a verb", hanAfter(),
                    "理应当", "相应当", "应当事人", "应当地"),
            word("始终", "一直", "adverbs 'always' before a verb", hanAfter(), "自始至终", "一直线"),
            word("尤其是", "特别是", "'especially'", none()),
            word("根据", "依据", "prepositions 'according to'; not the nouns (重要依据)", hanAfter(),
                    "根据地", "的依据", "的根据"),
            word("按照", "依照", "prepositions 'in accordance with'", hanAfter()),
            word("显著", "明显", "'markedly' before a verb or adjective", hanAfter()),
            word("取得", "获得", "verbs 'achieve' results; not 获得感", hanAfter(), "获得感", "取得联系"),
            word("非常", "十分", "adverbs 'very'", EnumSet.of(Need.HAN_AFTER, Need.NO_NUMERAL_BEFORE),
                    "非常时期", "非常规", "非常态", "十分之"),
            word("极为", "极其", "adverbs 'extremely'", hanAfter()),
            word("必然", "必定", "adverbs 'inevitably' before a verb; not the adjective (必然要求)", hanAfter(),
                    "必然性", "必然王国", "的必然", "必然的", "必然要求", "必然选择", "必然趋势", "必然结果",
                    "必然规律", "必然产物", "必然逻辑"),
            word("逐步", "逐渐", "adverbs 'step by step'", none()),
            word("有关", "相关", "'relevant, related'", none(), "相关性", "息息相关", "休戚相关"),
            word("各方面", "各个方面", "'every aspect'", none()),
            word("随着", "伴随着", "'along with'", none(), "跟随着", "追随着"),
            word("已经", "业已", "adverbs 'already' before a verb", hanAfter()),
            word("仍然", "依然", "adverbs 'still'", none()),
            word("切实", "扎实", "adverbs 'in earnest' before a verb (切实加强, 扎实推进)", hanAfter(),
                    "切实可行", "扎实的", "扎扎实实", "扎实稳健"),
            word("大力", "全力", "adverbs 'with full effort' before a verb", hanAfter(),
                    "全力以赴", "竭尽全力", "大力士", "全力打好"),
            word("全力打好", "坚决打好", "'resolutely win' a 攻坚战", none()),
            word("加快", "加速", "verbs 'speed up' before a verb or noun", hanAfter(), "加速度", "加速器", "加速期"),
            word("积极", "主动", "adverbs 'proactively' before a verb", hanAfter(),
                    "积极性", "主动性", "主动权", "积极分子", "积极因素", "主动脉", "积极向上", "积极作用", "积极意义",
                    "积极影响", "积极的", "主动的", "积极心态"),
            word("健全", "完善", "verbs 'improve' a system or mechanism; not 建立健全 or the adjectives", hanAfter(),
                    "建立健全", "健全的", "完善的", "不健全", "不完善", "健全人格", "日臻完善", "完善化", "完善性",
                    "健全完善", "完善健全"),
            word("稳步", "有序", "adverbs 'steadily, in order' before a verb", hanAfter(),
                    "有序的", "井然有序", "规范有序", "安全有序", "平稳有序", "有序化", "有序性", "有序流动"),
            word("决不", "绝不", "'never' before a verb", none()),
            word("实践证明", "事实证明", "'experience shows' opening a sentence", none()),
            word("良好氛围", "浓厚氛围", "the 'atmosphere' an effort creates (营造……氛围)", none()),
            word("坚强保障", "有力保障", "'strong guarantee'", none()),
            word("迈上新台阶", "再上新台阶", "'reach a new level'", none()),
            word("如期完成", "按期完成", "'completed on schedule'", none()),
            word("一张蓝图绘到底", "一张蓝图干到底", "both forms of the saying are in use", none()),
            word("重要抓手", "有力抓手", "'an effective lever'", none()),
            word("更加突出的位置", "更加重要的位置", "'a more prominent place' (摆在……位置)", none()),
            word("全部完成", "全面完成", "'completed in full'", none()),
            word("达到", "达", "'reaches' before a figure (覆盖率达到95%)", EnumSet.of(Need.DIGIT_AFTER),
                    "到达", "抵达", "送达", "下达", "传达", "表达", "发达", "通达", "直达", "转达", "达到达"),
            word("累计", "共计", "'in total' before a verb or figure", hanAfter(), "累计值"),
            word("尚未", "还没有", "'not yet' before a verb", hanAfter()),
            word("奋力", "努力", "'strive to' before a verb", hanAfter(),
                    "共同努力", "不懈努力", "努力下", "的努力", "努力方向", "努力程度", "努力奋斗", "奋力拼搏"),
            word("难点堵点", "堵点难点", "the pair is written in either order", none()),
            word("上下联动、齐抓共管", "齐抓共管、上下联动", "the pair is written in either order", none()),
            word("可复制、可推广", "可推广、可复制", "the pair is written in either order", none()),
            word("责任感和使命感", "使命感和责任感", "the pair is written in either order", none()),
            word("责任感和紧迫感", "紧迫感和责任感", "the pair is written in either order", none()),
            word("沟通衔接", "沟通对接", "'liaise' between departments", none()),
            word("相对", "较为", "adverbs 'relatively' before an adjective", hanAfter(),
                    "相对于", "相对论", "相对应", "相对而言", "相对性", "相对来说", "绝对", "相对的", "相对人"),
            word("还不够", "仍不够", "'still not enough'", hanAfter()),
            word("一些", "部分", "'some' opening a clause (一些地方, 部分干部)", EnumSet.of(Need.CLAUSE_START, Need.HAN_AFTER),
                    "部分是", "部分的"),
            word("回应群众期盼", "回应群众关切", "'respond to what the people ask for'", none()),
            word("开展", "进行", "verbs 'carry out' before an activity", hanAfter(),
                    "进行时", "进行曲", "正在进行", "进行中", "开展的", "进行的", "进行了", "开展了"),
            word("深入贯彻", "认真贯彻", "'implement' a policy or spirit", hanAfter()),
            oneWay("为了", "为", "'in order to' before a verb; only 为了 of the source becomes 为", hanAfter(), "为了解"),
            oneWay("对于", "对", "'as for, to'; only 对于 of the source becomes 对", hanAfter(), "相对于"),
            // Only a semicolon found in the source is varied: turning commas into semicolons would mis-split sentences.
            new Curated(new Rule("p:；/，", "；", "，",
                    "a semicolon between two clauses may be a comma; only semicolons of the source are varied"),
                    EnumSet.of(Need.HAN_BEFORE, Need.HAN_AFTER), List.of(), false));

    private static final String NUMERALS = "零一二三四五六七八九十百千两〇0123456789０１２３４５６７８９";

    /** Every curated form, by its first character, longest first so that 进一步地 wins over 进一步. */
    private static final Map<Character, List<Form>> FORMS = formsByFirstChar();

    private record Form(String text, Curated curated, boolean isForm1) {
    }

    private VariationSites() {
    }

    /** The curated pairs, in a fixed order. */
    public static List<Rule> rules() {
        return CURATED.stream().map(Curated::rule).toList();
    }

    /**
     * Every place in the paragraphs where a curated form stands and its rule allows it: non-overlapping (at each
     * position the longest allowed form wins), never overlapping a placeholder such as ×× or 某某, in text order.
     * The returned sites carry the form found in the source as {@code form0}; their {@code index} counts from 0.
     */
    public static List<VariationSite> candidates(List<String> paragraphs) {
        List<VariationSite> sites = new ArrayList<>();
        for (int p = 0; p < paragraphs.size(); p++) {
            String text = paragraphs.get(p);
            List<int[]> placeholders = Placeholders.spans(text);
            for (int i = 0; i < text.length(); ) {
                Form found = formAt(text, i, placeholders);
                if (found == null) {
                    i++;
                    continue;
                }
                Rule rule = found.curated().rule();
                String other = found.isForm1() ? rule.form0() : rule.form1();
                sites.add(new VariationSite(sites.size(), p, i, found.text(), other, rule.id()));
                i += found.text().length();
            }
        }
        return sites;
    }

    /**
     * The sites used for a revision. Candidates whose rule id or position key ({@code "p{paragraph}:{offset}"}) is
     * vetoed are dropped, as are those whose surroundings could not be found again in a leak (too little context, or
     * the same context elsewhere in the revision). The rest are taken in the order of
     * {@code prf.unit("site", revisionKey, paragraph, offset)}, skipping any closer than {@link #MIN_GAP} characters
     * to one already taken, until {@code max} are taken; last, any whose context cut at its chosen neighbours (as the
     * tracer reads it) is no longer found at one place only is dropped.
     *
     * @return at most {@code max} sites, re-indexed 0..n-1 in text order; the same inputs always give the same sites
     */
    public static List<VariationSite> choose(List<String> paragraphs, Prf prf, String revisionKey,
                                             Set<String> vetoes, int max) {
        List<VariationSite> allowed = new ArrayList<>();
        for (VariationSite s : candidates(paragraphs)) {
            if (!vetoes.contains(s.rule()) && !vetoes.contains(positionKey(s))) {
                allowed.add(s);
            }
        }
        SiteLocator locator = SiteLocator.forOriginal(paragraphs);
        double[] priority = new double[allowed.size()];
        Integer[] order = new Integer[allowed.size()];
        for (int i = 0; i < priority.length; i++) {
            VariationSite s = allowed.get(i);
            priority[i] = prf.unit("site", revisionKey, Integer.toString(s.paragraph()), Integer.toString(s.offset()));
            order[i] = i;
        }
        // allowed is in text order, so ties in priority fall back to paragraph, then offset
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> priority[i]).thenComparingInt(i -> i));
        List<VariationSite> taken = new ArrayList<>();
        Map<Integer, List<VariationSite>> takenInParagraph = new HashMap<>();
        for (int i : order) {
            if (taken.size() >= max) {
                break;
            }
            VariationSite s = allowed.get(i);
            List<VariationSite> neighbours = takenInParagraph.getOrDefault(s.paragraph(), List.of());
            if (tooClose(s, neighbours) || !locator.uniquelyFound(s)) {
                continue;
            }
            taken.add(s);
            takenInParagraph.computeIfAbsent(s.paragraph(), p -> new ArrayList<>()).add(s);
        }
        taken.sort(Comparator.comparingInt(VariationSite::paragraph).thenComparingInt(VariationSite::offset));
        // Each site is read by its context cut at its neighbours: keep only those that the cut context still finds
        // at one place. Dropping a site only lengthens its neighbours' contexts, so one pass settles it.
        List<VariationSite> kept = new ArrayList<>(taken);
        for (VariationSite s : taken) {
            if (!locator.uniquelyFound(locator.context(s, kept))) {
                kept.remove(s);
            }
        }
        taken = kept;
        List<VariationSite> indexed = new ArrayList<>(taken.size());
        for (VariationSite s : taken) {
            indexed.add(new VariationSite(indexed.size(), s.paragraph(), s.offset(), s.form0(), s.form1(), s.rule()));
        }
        return Collections.unmodifiableList(indexed);
    }

    /**
     * Fewest characters between two sites. Each site's context stops at its neighbours, so sites this close are
     * still found by at least a 4-character shingle on the side between them.
     */
    static final int MIN_GAP = 4;

    /** The veto key of a single place: {@code "p{paragraph}:{offset}"}. */
    public static String positionKey(VariationSite site) {
        return "p" + site.paragraph() + ":" + site.offset();
    }

    private static boolean tooClose(VariationSite s, List<VariationSite> taken) {
        for (VariationSite t : taken) {
            if (t.paragraph() != s.paragraph()) {
                continue;
            }
            int gap = t.offset() < s.offset()
                    ? s.offset() - (t.offset() + t.form0().length())
                    : t.offset() - (s.offset() + s.form0().length());
            if (gap < MIN_GAP) {
                return true;
            }
        }
        return false;
    }

    private static Form formAt(String text, int i, List<int[]> placeholders) {
        List<Form> forms = FORMS.get(text.charAt(i));
        if (forms == null) {
            return null;
        }
        for (Form f : forms) {
            if (text.startsWith(f.text(), i) && allowed(f, text, i) && !Placeholders.overlaps(placeholders, i,
                    i + f.text().length())) {
                return f;
            }
        }
        return null;
    }

    private static boolean allowed(Form f, String text, int start) {
        Curated c = f.curated();
        if (f.isForm1() && !c.form1InSource()) {
            return false;
        }
        int end = start + f.text().length();
        for (String word : c.except()) {
            for (int k = word.indexOf(f.text()); k >= 0; k = word.indexOf(f.text(), k + 1)) {
                if (start - k >= 0 && text.startsWith(word, start - k)) {
                    return false;
                }
            }
        }
        int before = start > 0 ? text.codePointBefore(start) : -1;
        int after = end < text.length() ? text.codePointAt(end) : -1;
        for (Need need : c.needs()) {
            boolean ok = switch (need) {
                case HAN_BEFORE -> isHan(before);
                case HAN_AFTER -> isHan(after);
                case CLAUSE_START -> before == -1 || "。；！？：，;!?:,".indexOf(before) >= 0;
                case COMMA_AFTER -> after == '，' || after == ',';
                case NO_NUMERAL_BEFORE -> before == -1 || NUMERALS.indexOf(before) < 0;
                case DIGIT_AFTER -> after != -1 && NUMERALS.indexOf(after) >= 0;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHan(int cp) {
        return cp >= 0 && Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }

    private static Curated word(String form0, String form1, String why, Set<Need> needs, String... except) {
        return new Curated(new Rule("w:" + form0 + "/" + form1, form0, form1, why), needs, List.of(except), true);
    }

    /** A pair varied only where the source has {@code form0}: its {@code form1} is too common a character elsewhere. */
    private static Curated oneWay(String form0, String form1, String why, Set<Need> needs, String... except) {
        return new Curated(new Rule("w:" + form0 + "/" + form1, form0, form1, why), needs, List.of(except), false);
    }

    private static Set<Need> none() {
        return EnumSet.noneOf(Need.class);
    }

    private static Set<Need> hanAfter() {
        return EnumSet.of(Need.HAN_AFTER);
    }

    private static Set<Need> clauseOpener() {
        return EnumSet.of(Need.CLAUSE_START, Need.COMMA_AFTER);
    }

    private static Map<Character, List<Form>> formsByFirstChar() {
        Map<Character, List<Form>> forms = new HashMap<>();
        for (Curated c : CURATED) {
            for (Form f : List.of(new Form(c.rule().form0(), c, false), new Form(c.rule().form1(), c, true))) {
                forms.computeIfAbsent(f.text().charAt(0), k -> new ArrayList<>()).add(f);
            }
        }
        forms.values().forEach(list -> list.sort(Comparator.comparingInt((Form f) -> f.text().length()).reversed()));
        return Map.copyOf(forms);
    }
}
