package org.scriptorium.library;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.scriptorium.common.Rejected;

/**
 * Decides whether an operator's notice rule may be added: a phrase or a regular expression of at most
 * {@value #MAX_PATTERN} characters that compiles, matches no empty line, strips no line of the demo materials nor of
 * a sample of real documents' own text ({@code library/real-lines.txt}), and answers quickly on every line. A rule
 * that strips a document's own text would cut it out of every import from then on, unseen; a rule that backtracks
 * without end would stall every import. Plain Java.
 */
final class NoticeRuleCheck {

    static final int MAX_PATTERN = 200;
    static final int MAX_REASON = 100;

    /** A run this long of one character is where a nested quantifier such as {@code (a+)+} explodes. */
    private static final int PROBE_RUN = 40;

    private final List<String> documentLines;

    /** @param documentLines lines of documents' own text that no rule may strip */
    NoticeRuleCheck(List<String> documentLines) {
        this.documentLines = List.copyOf(documentLines);
    }

    /** The check against the demo materials (as {@link DemoLibrary} loads them) and the bundled real lines. */
    static NoticeRuleCheck bundled() {
        List<String> lines = new ArrayList<>();
        for (String row : read("demo/materials.tsv").lines().skip(1).filter(l -> !l.isBlank()).toList()) {
            // The demo shows the cleaner at work: its own notice lines (which the built-in rules strip) are no text.
            TextLines.of(read("demo/" + row.split("\t")[0])).stream()
                    .filter(line -> NoticeRuleBook.builtIn().stream().noneMatch(r -> r.compiled().matcher(line).find()))
                    .forEach(lines::add);
        }
        read("library/real-lines.txt").lines().filter(l -> !l.isBlank() && !l.startsWith("#")).map(String::strip)
                .forEach(lines::add);
        return new NoticeRuleCheck(lines);
    }

    /** How many document lines a rule is checked against. */
    int documentLineCount() {
        return documentLines.size();
    }

    /**
     * A new operator rule from what the operator typed, checked.
     *
     * @throws Rejected 422 {@code INVALID_RULE} (blank, too long, not a valid expression, no scope),
     *                  {@code RULE_TOO_BROAD} (matches an empty line or a document's own line) or
     *                  {@code RULE_TOO_SLOW} (backtracks past its budget on some line)
     */
    NoticeRule check(String id, String pattern, boolean regex, NoticeRule.Scope scope, String reason) {
        String p = pattern == null ? "" : regex ? pattern : pattern.strip();
        if (p.isBlank()) {
            throw invalid("pattern", "请填写要去除的行所含的文字或正则表达式。", "The pattern is required.");
        }
        if (p.length() > MAX_PATTERN) {
            throw invalid("pattern", "规则不能超过 " + MAX_PATTERN + " 个字符（现为 " + p.length() + " 个）。",
                    "The pattern must be at most " + MAX_PATTERN + " characters (it has " + p.length() + ").");
        }
        if (scope == null) {
            throw invalid("scope", "请选择规则的范围：顶部/底部，或全文。", "The scope must be EDGE or ANYWHERE.");
        }
        if (reason != null && reason.strip().length() > MAX_REASON) {
            throw invalid("reason", "原因不能超过 " + MAX_REASON + " 个字符。",
                    "The reason must be at most " + MAX_REASON + " characters.");
        }
        NoticeRule rule;
        try {
            rule = new NoticeRule(id, scope, p, regex, reason, false);
        } catch (IllegalArgumentException e) {
            throw invalid("pattern", "正则表达式有误：" + e.getMessage().replace("not a valid regular expression: ", ""),
                    "The pattern is not a valid regular expression: " + e.getMessage());
        }
        Pattern compiled = rule.compiled();
        if (matches(compiled, "")) {
            throw Rejected.ofField(422, "RULE_TOO_BROAD", "pattern", "这条规则连空行也匹配，会去除任何一行，请写得更具体。",
                    "The rule matches an empty line, so it would strip any line; make it more specific.");
        }
        for (String line : documentLines) {
            if (matches(compiled, line)) {
                throw Rejected.ofField(422, "RULE_TOO_BROAD", "pattern",
                        "这条规则会去除正文中的内容，例如这一行：「" + shorten(line) + "」。请写得更具体。",
                        "The rule would strip a document's own text, such as this line: " + shorten(line))
                        .with("line", line);
            }
        }
        for (String probe : probes(p)) {
            matches(compiled, probe);
        }
        return rule;
    }

    /**
     * Whether the rule finds itself in {@code line}, reading at most the budget.
     *
     * @throws Rejected 422 {@code RULE_TOO_SLOW} when the budget is spent
     */
    private static boolean matches(Pattern pattern, String line) {
        try {
            return BudgetedText.find(pattern, line);
        } catch (BudgetedText.Exhausted e) {
            throw Rejected.ofField(422, "RULE_TOO_SLOW", "pattern",
                    "这条正则表达式在某些行上要反复回溯，运行太慢，会拖住导入。请去掉嵌套的重复（如 (a+)+）。",
                    "The regular expression backtracks too much on some lines and would stall imports; avoid nested "
                            + "repetition such as (a+)+.");
        }
    }

    /** Lines that make a backtracking expression show itself: long runs of each letter it names, and of common ones. */
    static List<String> probes(String pattern) {
        Set<Integer> characters = new LinkedHashSet<>(List.of((int) 'a', (int) '1', (int) ' ', (int) '中', (int) '。'));
        pattern.codePoints().filter(Character::isLetterOrDigit).limit(40).forEach(characters::add);
        List<String> probes = new ArrayList<>();
        for (int c : characters) {
            String run = Character.toString(c).repeat(PROBE_RUN);
            probes.add(run + "\u0001");
            probes.add(run);
        }
        probes.add("a1 中。".repeat(PROBE_RUN / 4) + "\u0001");
        return probes;
    }

    private static String shorten(String line) {
        return line.length() <= 40 ? line : line.substring(0, 40) + "…";
    }

    private static Rejected invalid(String field, String chinese, String english) {
        return Rejected.ofField(422, "INVALID_RULE", field, chinese, english);
    }

    private static String read(String path) {
        try (InputStream in = NoticeRuleCheck.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalStateException("missing " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
