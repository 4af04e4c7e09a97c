package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scriptorium.library.DiffLine.Kind.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.library.DiffLine.Segment;
import org.scriptorium.library.DiffLine.Segment.Op;

@DisplayName("Revision diff")
class RevisionDiffTest {

    private static final String OLD = """
            同志们：
            今天召开全县乡村振兴工作推进会，主要任务是总结前段工作，部署下步任务。
            一、提高政治站位，增强做好工作的责任感
            各级各部门要把乡村振兴摆在突出位置，确保各项任务落地见效。
            同志们，让我们齐心协力，再创佳绩！
            """;

    @Test
    @DisplayName("identical texts give every paragraph as SAME")
    void identical() {
        List<DiffLine> lines = RevisionDiff.between(OLD, OLD);

        assertThat(lines).hasSize(5).allSatisfy(line -> {
            assertThat(line.kind()).isEqualTo(SAME);
            assertThat(line.oldText()).isEqualTo(line.newText());
            assertThat(line.segments()).containsExactly(new Segment(Op.SAME, line.oldText()));
        });
    }

    @Test
    @DisplayName("one edited paragraph gives one CHANGED line whose segments rebuild both versions exactly")
    void edited() {
        String edited = OLD.replace("确保各项任务落地见效", "确保各项重点任务全面落地见效");

        List<DiffLine> lines = RevisionDiff.between(OLD, edited);

        assertThat(lines).extracting(DiffLine::kind).containsExactly(SAME, SAME, SAME, CHANGED, SAME);
        DiffLine changed = lines.get(3);
        assertThat(changed.oldText()).isEqualTo("各级各部门要把乡村振兴摆在突出位置，确保各项任务落地见效。");
        assertThat(changed.newText()).isEqualTo("各级各部门要把乡村振兴摆在突出位置，确保各项重点任务全面落地见效。");
        assertThat(changed.segments()).extracting(Segment::op).contains(Op.INSERT);
        assertThat(changed.segments()).contains(new Segment(Op.INSERT, "重点"), new Segment(Op.INSERT, "全面"));
        assertThat(oldSide(changed)).isEqualTo(changed.oldText());
        assertThat(newSide(changed)).isEqualTo(changed.newText());
    }

    @Test
    @DisplayName("a replaced word shows as a deletion followed by an insertion")
    void replacedWord() {
        List<DiffLine> lines = RevisionDiff.between("要抓好产业发展工作。", "要抓好人才培养工作。");

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.kind()).isEqualTo(CHANGED);
            assertThat(line.segments()).containsExactly(
                    new Segment(Op.SAME, "要抓好"),
                    new Segment(Op.DELETE, "产业发展"),
                    new Segment(Op.INSERT, "人才培养"),
                    new Segment(Op.SAME, "工作。"));
        });
    }

    @Test
    @DisplayName("an inserted paragraph is ADDED and the others stay SAME")
    void inserted() {
        String withNew = OLD.replace("一、提高", "这次会议很重要，大家要认真领会。\n一、提高");

        assertThat(RevisionDiff.between(OLD, withNew)).extracting(DiffLine::kind)
                .containsExactly(SAME, SAME, ADDED, SAME, SAME, SAME);
        assertThat(RevisionDiff.between(OLD, withNew).get(2).oldText()).isNull();
    }

    @Test
    @DisplayName("a removed paragraph is REMOVED and the others stay SAME")
    void removed() {
        String without = OLD.replace("各级各部门要把乡村振兴摆在突出位置，确保各项任务落地见效。\n", "");

        List<DiffLine> lines = RevisionDiff.between(OLD, without);

        assertThat(lines).extracting(DiffLine::kind).containsExactly(SAME, SAME, SAME, REMOVED, SAME);
        assertThat(lines.get(3).newText()).isNull();
        assertThat(lines.get(3).segments()).containsExactly(new Segment(Op.DELETE, lines.get(3).oldText()));
    }

    @Test
    @DisplayName("an edited paragraph next to an inserted one is still paired with its new version")
    void editedBesideInserted() {
        String changed = OLD.replace("各级各部门要把", "这次会议很重要，大家要认真领会。\n各级各部门都要把");

        assertThat(RevisionDiff.between(OLD, changed)).extracting(DiffLine::kind)
                .containsExactly(SAME, SAME, SAME, ADDED, CHANGED, SAME);
    }

    @Test
    @DisplayName("completely different texts give the old paragraphs REMOVED and the new ones ADDED, none paired")
    void different() {
        List<DiffLine> lines = RevisionDiff.between("甲乙丙丁戊。\n己庚辛壬癸。", "天地玄黄。\n宇宙洪荒。\n日月盈昃。");

        assertThat(lines).extracting(DiffLine::kind).containsExactly(REMOVED, REMOVED, ADDED, ADDED, ADDED);
    }

    @Test
    @DisplayName("an empty old text (the first revision) gives every paragraph ADDED")
    void firstRevision() {
        assertThat(RevisionDiff.between("", OLD)).hasSize(5).extracting(DiffLine::kind).containsOnly(ADDED);
        assertThat(RevisionDiff.between(null, OLD)).hasSize(5).extracting(DiffLine::kind).containsOnly(ADDED);
        assertThat(RevisionDiff.between("", "")).isEmpty();
    }

    @Test
    @DisplayName("blank lines and line-end styles only separate paragraphs")
    void blankLines() {
        assertThat(RevisionDiff.between("甲。\n\n乙。\n", "甲。\r\n乙。")).extracting(DiffLine::kind)
                .containsExactly(SAME, SAME);
    }

    @Test
    @DisplayName("characters outside the basic plane are never split between segments")
    void supplementaryCharacters() {
        DiffLine line = RevisionDiff.between("地名𠀀𠀁村的情况。", "地名𠀀𠀂村的情况。").getFirst();

        assertThat(line.kind()).isEqualTo(CHANGED);
        assertThat(line.segments()).contains(new Segment(Op.DELETE, "𠀁"), new Segment(Op.INSERT, "𠀂"));
    }

    @Test
    @DisplayName("random edits to generated documents always rebuild both revisions from the lines")
    void reconstruction() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            String before = document(random, 1 + random.nextInt(12));
            String after = edit(random, before);

            List<DiffLine> lines = RevisionDiff.between(before, after);

            assertThat(rebuildOld(lines)).as("old side, round %d", round).isEqualTo(paragraphs(before));
            assertThat(rebuildNew(lines)).as("new side, round %d", round).isEqualTo(paragraphs(after));
        }
    }

    @Test
    @DisplayName("10,000-character documents are diffed quickly, whether lightly edited or entirely rewritten")
    void fast() {
        Random random = new Random(42);
        String before = document(random, 200);
        String edited = edit(random, before);
        String rewritten = document(random, 200);
        assertThat(before.length()).isGreaterThan(9_000);

        long start = System.nanoTime();
        List<DiffLine> light = RevisionDiff.between(before, edited);
        List<DiffLine> heavy = RevisionDiff.between(before, rewritten);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(Duration.ofSeconds(2));
        assertThat(rebuildNew(light)).isEqualTo(paragraphs(edited));
        assertThat(rebuildOld(heavy)).isEqualTo(paragraphs(before));
        assertThat(rebuildNew(heavy)).isEqualTo(paragraphs(rewritten));
    }

    // --- a small generator of speech-like paragraphs sharing one vocabulary ---

    private static final String[] PHRASES = {"坚持", "加强", "推进", "乡村振兴", "基层治理", "党的建设", "高质量发展",
            "各级各部门", "要", "切实", "工作", "责任", "落实", "全面", "深化", "改革", "XX镇", "，", "。", "和", "的"};

    private static String document(Random random, int paragraphs) {
        List<String> lines = new ArrayList<>();
        for (int p = 0; p < paragraphs; p++) {
            lines.add(paragraph(random));
        }
        return String.join("\n", lines) + "\n";
    }

    private static String paragraph(Random random) {
        StringBuilder text = new StringBuilder();
        int phrases = 10 + random.nextInt(20);
        for (int i = 0; i < phrases; i++) {
            text.append(PHRASES[random.nextInt(PHRASES.length)]);
        }
        return text.append('。').toString();
    }

    private static String edit(Random random, String text) {
        List<String> lines = new ArrayList<>(paragraphs(text));
        int edits = 1 + random.nextInt(6);
        for (int e = 0; e < edits; e++) {
            int at = lines.isEmpty() ? 0 : random.nextInt(lines.size());
            switch (random.nextInt(3)) {
                case 0 -> lines.add(at, paragraph(random));
                case 1 -> { if (!lines.isEmpty()) lines.remove(at); }
                default -> {
                    if (!lines.isEmpty()) {
                        String line = lines.get(at);
                        int cut = random.nextInt(line.length());
                        lines.set(at, line.substring(0, cut) + PHRASES[random.nextInt(PHRASES.length)] + line.substring(cut));
                    }
                }
            }
        }
        return String.join("\n", lines);
    }

    private static List<String> paragraphs(String text) {
        return text.lines().filter(line -> !line.isBlank()).toList();
    }

    private static List<String> rebuildOld(List<DiffLine> lines) {
        return lines.stream().filter(l -> l.kind() != ADDED).map(RevisionDiffTest::oldSide).toList();
    }

    private static List<String> rebuildNew(List<DiffLine> lines) {
        return lines.stream().filter(l -> l.kind() != REMOVED).map(RevisionDiffTest::newSide).toList();
    }

    private static String oldSide(DiffLine line) {
        return line.segments().stream().filter(s -> s.op() != Op.INSERT).map(Segment::text).collect(Collectors.joining());
    }

    private static String newSide(DiffLine line) {
        return line.segments().stream().filter(s -> s.op() != Op.DELETE).map(Segment::text).collect(Collectors.joining());
    }
}
