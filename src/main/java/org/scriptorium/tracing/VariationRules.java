package org.scriptorium.tracing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A numbered set of variation rules, read from {@code tracing/variation-rules-v{n}.txt}: which pairs of forms the
 * robust layer may write, and where. Sets are never edited once copies were made under them: a new set is a new file
 * and a new number, and each copy is read again with the set it was made under ({@link SitesKey}).
 *
 * <p>The file is a list of blocks separated by blank lines, one {@code key value} line each ({@code #} starts a
 * comment); its keys are described at the head of {@code variation-rules-v2.txt}.
 */
public final class VariationRules {

    /** The set new copies are made under. */
    public static final int CURRENT = 2;

    /** Every set there has been, oldest first: copies made under any of them can still be traced. */
    public static final List<Integer> VERSIONS = List.of(1, 2);

    /** Conditions on a match's surroundings, named in the file by their lower-case, hyphenated names. */
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

    /** Which forms of the source a rule varies. */
    enum Direction {
        /** either form found in the source becomes the other */
        BOTH,
        /** only form0 in the source becomes form1: form1 is too common elsewhere, or less formal */
        FORM0_TO_FORM1,
        /** only form1 in the source becomes form0: form0 is the better usage and stays */
        FORM1_TO_FORM0
    }

    /**
     * One rule and what keeps it safe. Word lists are matched as text: {@code before}/{@code notBefore} end where the
     * form starts, {@code after}/{@code notAfter} begin where it ends ({@code "^"} in {@code before} stands for the start
     * of a paragraph or clause), {@code notInside} are longer words that contain a form and must not be varied.
     *
     * @param after    if not empty, one of these must follow: for a verb, the objects both forms take
     * @param sentenceWithout words that must not stand anywhere in the sentence (不仅…而且 keeps its 而且)
     * @param accept   sentences in which the rule finds a site
     * @param refuse   sentences in which it must not
     * @param attested for each form, a passage of the corpus where it stands in a context the rule allows
     */
    record Curated(VariationSites.Rule rule, Direction direction, Set<Need> needs, List<String> notInside,
                   List<String> before, List<String> notBefore, List<String> after, List<String> notAfter,
                   List<String> sentenceWithout, List<String> accept, List<String> refuse, List<String> attested) {

        /** Whether the rule varies this form where the source has it. */
        boolean variesFromSource(boolean isForm1) {
            return direction == Direction.BOTH || (isForm1 ? direction == Direction.FORM1_TO_FORM0
                    : direction == Direction.FORM0_TO_FORM1);
        }
    }

    /** A form of a rule as found in text. */
    record Form(String text, Curated curated, boolean isForm1) {
    }

    private final int version;
    private final List<Curated> rules;
    private final Map<Character, List<Form>> forms;

    private VariationRules(int version, List<Curated> rules) {
        this.version = version;
        this.rules = List.copyOf(rules);
        Map<Character, List<Form>> byFirst = new HashMap<>();
        for (Curated c : rules) {
            for (Form f : List.of(new Form(c.rule().form0(), c, false), new Form(c.rule().form1(), c, true))) {
                byFirst.computeIfAbsent(f.text().charAt(0), k -> new ArrayList<>()).add(f);
            }
        }
        // longest first, so that a phrase wins over a word it starts with
        byFirst.values().forEach(list -> list.sort(Comparator.comparingInt((Form f) -> f.text().length()).reversed()));
        this.forms = Map.copyOf(byFirst);
    }

    private static final Map<Integer, VariationRules> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

    /** The set new copies are made under. */
    public static VariationRules current() {
        return version(CURRENT);
    }

    /**
     * A set by its number.
     *
     * @throws IllegalArgumentException if there is no such set
     */
    public static VariationRules version(int version) {
        if (!VERSIONS.contains(version)) {
            throw new IllegalArgumentException("no variation rule set " + version);
        }
        return LOADED.computeIfAbsent(version, v -> {
            String resource = "tracing/variation-rules-v" + v + ".txt";
            try (InputStream in = VariationRules.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + resource);
                }
                VariationRules rules = parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                if (rules.version != v) {
                    throw new IllegalStateException(resource + " says it is version " + rules.version);
                }
                return rules;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** This set's number. */
    public int number() {
        return version;
    }

    /** The pairs, in the file's order. */
    public List<VariationSites.Rule> rules() {
        return rules.stream().map(Curated::rule).toList();
    }

    List<Curated> curated() {
        return rules;
    }

    /** The forms that start with this character, longest first; empty if none. */
    List<Form> formsStartingWith(char c) {
        return forms.getOrDefault(c, List.of());
    }

    private static final Pattern BLANKS = Pattern.compile("\\s+");

    /**
     * Reads a rule file.
     *
     * @param name names the file in error messages
     * @throws IllegalStateException naming the line, for an unknown key, a missing {@code id} or {@code forms}, a
     *                               duplicate id, or an unknown need or direction
     */
    static VariationRules parse(String name, String text) {
        Integer version = null;
        List<Curated> rules = new ArrayList<>();
        Map<String, String> block = new LinkedHashMap<>();
        Map<String, List<String>> lists = new HashMap<>();
        int blockLine = 0;
        String[] lines = (text + "\n\n").split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.startsWith("#")) {
                continue;
            }
            if (line.isEmpty()) {
                if (!block.isEmpty() || !lists.isEmpty()) {
                    Curated c = curated(name, blockLine, block, lists);
                    if (rules.stream().anyMatch(r -> r.rule().id().equals(c.rule().id()))) {
                        throw new IllegalStateException(name + ":" + blockLine + ": duplicate id " + c.rule().id());
                    }
                    rules.add(c);
                    block.clear();
                    lists.clear();
                }
                continue;
            }
            String[] kv = line.split("\\s+", 2);
            String key = kv[0];
            String value = kv.length > 1 ? kv[1].strip() : "";
            if (key.equals("version") && block.isEmpty() && lists.isEmpty()) {
                version = Integer.parseInt(value);
                continue;
            }
            if (block.isEmpty() && lists.isEmpty()) {
                blockLine = n + 1;
            }
            switch (key) {
                case "id", "forms", "direction", "needs", "why" -> {
                    if (block.put(key, value) != null) {
                        throw new IllegalStateException(name + ":" + (n + 1) + ": " + key + " given twice");
                    }
                }
                case "not-inside", "before", "not-before", "after", "objects", "not-after", "sentence-without" ->
                        lists.computeIfAbsent(key.equals("objects") ? "after" : key, k -> new ArrayList<>())
                                .addAll(Arrays.asList(BLANKS.split(value)));
                case "accept", "refuse", "attested" -> lists.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
                default -> throw new IllegalStateException(name + ":" + (n + 1) + ": unknown key " + key);
            }
        }
        if (version == null) {
            throw new IllegalStateException(name + ": no version line");
        }
        return new VariationRules(version, rules);
    }

    private static Curated curated(String name, int line, Map<String, String> block, Map<String, List<String>> lists) {
        String where = name + ":" + line + ": ";
        String id = block.get("id");
        String forms = block.get("forms");
        if (id == null || forms == null) {
            throw new IllegalStateException(where + "a rule needs id and forms");
        }
        String[] pair = forms.split("\\s+\\|\\s+");
        if (pair.length != 2 || pair[0].isEmpty() || pair[1].isEmpty()) {
            throw new IllegalStateException(where + "forms must be 'form0 | form1'");
        }
        Set<Need> needs = EnumSet.noneOf(Need.class);
        String needText = block.getOrDefault("needs", "");
        if (!needText.isBlank()) {
            for (String need : BLANKS.split(needText)) {
                needs.add(enumOf(Need.class, need, where));
            }
        }
        Direction direction = enumOf(Direction.class, block.getOrDefault("direction", "both"), where);
        List<String> attested = lists.getOrDefault("attested", List.of());
        return new Curated(new VariationSites.Rule(id, pair[0], pair[1], block.getOrDefault("why", "")), direction, needs,
                list(lists, "not-inside"), list(lists, "before"), list(lists, "not-before"), list(lists, "after"),
                list(lists, "not-after"), list(lists, "sentence-without"), list(lists, "accept"), list(lists, "refuse"), List.copyOf(attested));
    }

    private static List<String> list(Map<String, List<String>> lists, String key) {
        return List.copyOf(lists.getOrDefault(key, List.of()));
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String name, String where) {
        try {
            return Enum.valueOf(type, name.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + "unknown " + type.getSimpleName().toLowerCase(Locale.ROOT) + " "
                    + name, e);
        }
    }
}
