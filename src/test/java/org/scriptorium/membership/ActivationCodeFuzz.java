package org.scriptorium.membership;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;

import org.scriptorium.support.fuzz.FuzzTarget;
import org.scriptorium.support.fuzz.Seeds;

/**
 * Fuzzes {@link ActivationCodes#normalise}, the one place a typed code is read (redeeming and the CSV
 * check both go through it). It documents no exception at all; a code it returns must be canonical and
 * read back as itself. The first byte of an input chooses how the rest becomes a string: UTF-8, or
 * UTF-16 (any char, lone surrogates included).
 */
public final class ActivationCodeFuzz implements FuzzTarget {

    private static final Pattern CANONICAL = Pattern.compile("[" + ActivationCodes.ALPHABET + "]{5}(-[" + ActivationCodes.ALPHABET + "]{5}){3}");

    @Override
    public String name() {
        return "activation-code";
    }

    @Override
    public List<byte[]> seeds() {
        Random random = new Random(12);
        List<String> typed = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String code = ActivationCodes.generate(random);
            typed.add(code);
            typed.add(code.toLowerCase());
            typed.add(code.replace("-", ""));
            typed.add(" " + code.replace("-", " — ") + "\n");
            typed.add(toFullWidth(code));
            typed.add(code.replace('2', 'Z').replace('A', 'O'));
        }
        typed.add("7KQ2M_XH9PD\u30003RTWA\u2010ZC8NE");
        typed.add("");
        typed.add("-".repeat(199) + "A");
        List<byte[]> seeds = new ArrayList<>();
        for (String t : typed) {
            seeds.add(as((byte) 0, t.getBytes(StandardCharsets.UTF_8)));
        }
        seeds.add(as((byte) 1, "７ＫＱ２Ｍ\uD800ＸＨ９ＰＤ".getBytes(StandardCharsets.UTF_16BE)));
        return seeds;
    }

    @Override
    public List<byte[]> dictionary() {
        return Seeds.utf8(List.of("-", "—", "–", "‐", "_", " ", "\u3000", "\t", "\n", "０", "Ｏ", "ｉ", "ß", "ﬃ", "ı", "İ", "Ⅸ",
                "㍿", "\uFDFA", "\u0301", "\uD83D\uDE00", "7KQ2M", "XH9PD"));
    }

    @Override
    public void accept(byte[] input) {
        if (input.length == 0) {
            check(null, ActivationCodes.normalise(null));
            return;
        }
        byte[] rest = Arrays.copyOfRange(input, 1, input.length);
        String typed = input[0] % 2 == 0 ? new String(rest, StandardCharsets.UTF_8) : new String(rest, StandardCharsets.UTF_16BE);
        check(typed, ActivationCodes.normalise(typed));
    }

    private static void check(String typed, Optional<String> code) {
        if (code.isEmpty()) {
            return;
        }
        String c = code.get();
        if (!CANONICAL.matcher(c).matches()) {
            throw new AssertionError("not canonical: " + c);
        }
        if (!ActivationCodes.normalise(c).equals(code) || !ActivationCodes.normalise(c.toLowerCase()).equals(code)) {
            throw new AssertionError("does not read back as itself: " + c);
        }
        if (typed == null || typed.length() > 200) {
            throw new AssertionError("accepted " + (typed == null ? "null" : typed.length() + " characters"));
        }
    }

    private static String toFullWidth(String s) {
        StringBuilder out = new StringBuilder();
        for (char ch : s.toCharArray()) {
            out.append(ch >= '!' && ch <= '~' ? (char) (ch - '!' + '！') : ch);
        }
        return out.toString();
    }

    private static byte[] as(byte kind, byte[] content) {
        byte[] input = new byte[content.length + 1];
        input[0] = kind;
        System.arraycopy(content, 0, input, 1, content.length);
        return input;
    }
}
