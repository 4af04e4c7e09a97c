package org.scriptorium.library;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.scriptorium.support.fuzz.FuzzTarget;
import org.scriptorium.support.fuzz.Rejections;
import org.scriptorium.support.fuzz.Seeds;

/**
 * Fuzzes {@link StructureParser#parse} with any text (the input's bytes read as UTF-8, malformed
 * sequences replaced) and checks what it documents: the only rejection is {@code EMPTY_TEXT}, there is
 * always a title, and the body is the title line (if found), the salutation and every block, one per line.
 */
public final class StructureParserFuzz implements FuzzTarget {

    private static final Set<String> DOCUMENTED = Set.of("EMPTY_TEXT");

    private final StructureParser parser = new StructureParser();

    @Override
    public String name() {
        return "structure-parser";
    }

    @Override
    public List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>(Seeds.utf8(Seeds.texts(4_000)));
        seeds.add(Seeds.utf8(Seeds.speech()));
        seeds.add(Seeds.utf8("""
                关于印发《××市优化营商环境实施方案》的通知
                各区人民政府，市政府各部门：
                第一章 总则
                第一条 为了……，制定本方案。
                一是；二是；三是。
                本文由某某网站整理，转载请注明出处。
                （此件公开发布）
                """));
        seeds.add(Seeds.utf8("谢谢！\n同志们！"));
        seeds.add(Seeds.utf8("\uFEFF\u3000\r\n\r\n（一）\n一、\n1.\n（1）"));
        return seeds;
    }

    @Override
    public List<byte[]> dictionary() {
        return Seeds.utf8(List.of("一、", "二、", "十一、", "（一）", "(二)", "1.", "1．", "12、", "（1）", "(3)", "第一章", "第二节",
                "第三条", "一是", "第一，", "同志们：", "同志们，", "谢谢大家！", "谢谢", "。", "：", "；", "，", "\n", "\r\n", "\u3000",
                "\uFEFF", "××", "XX", "____", "某某", "【", "】", "本文来源", "转载", "来源：", "\uD83D\uDE00", "如下："));
    }

    @Override
    public void accept(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Rejections.returnsOrRejects(DOCUMENTED, () -> check(parser.parse(text)));
    }

    private static void check(ParsedMaterial parsed) {
        if (parsed.title() == null || parsed.title().isBlank()) {
            throw new AssertionError("no title");
        }
        // one line per block, one for the salutation, and one for the title if the text had one
        // (a heading's run-in text shares the heading's line)
        long lines = parsed.blocks().stream().filter(b -> !(b instanceof Paragraph p && p.role() == Paragraph.Role.RUN_IN)).count();
        int extra = parsed.body().split("\n", -1).length - (int) lines - (parsed.salutation() == null ? 0 : 1);
        if (extra != 0 && extra != 1) {
            throw new AssertionError("body has " + extra + " lines beyond its blocks and salutation");
        }
        // what was parsed parses again (a saved body is re-parsed on every revision)
        new StructureParser().parse(parsed.body());
    }
}
