package org.scriptorium.library;

import java.time.DateTimeException;
import java.time.LocalDate;


import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the elements of a 公文 from its lines (GB/T 9704): the 发文字号 near the top, the 主送机关 line, the 附件说明,
 * and the 落款 (issuing organs above a 成文日期 in Arabic or Chinese numerals). Plain Java, stateless.
 */
final class OfficialElementsReader {

    private static final Pattern NUMBER = Pattern.compile(
            "[\\p{IsHan}×XＸ]{1,16}\\s*[〔\\[［【(（]\\s*(?:19|20)[0-9]{2}\\s*[〕\\]］】)）]\\s*[0-9]{1,5}\\s*号");
    private static final Pattern ARABIC_DATE = Pattern.compile("((?:19|20)[0-9]{2})\\s*年\\s*([0-9]{1,2})\\s*月\\s*([0-9]{1,2})\\s*日");
    private static final Pattern CHINESE_DATE = Pattern.compile(
            "([〇○零一二三四五六七八九]{4})\\s*年\\s*([一二三四五六七八九十]{1,3})\\s*月\\s*([一二三四五六七八九十]{1,3})\\s*日");
    /** A line that is a date and nothing else, in the brackets a speech sometimes puts it in. */
    private static final Pattern DATE_LINE = Pattern.compile(
            "^[（(]?\\s*(?:(?:19|20)[0-9]{2}\\s*年\\s*[0-9]{1,2}\\s*月\\s*[0-9]{1,2}\\s*日|[〇○零一二三四五六七八九]{4}\\s*年\\s*[一二三四五六七八九十]{1,3}\\s*月\\s*[一二三四五六七八九十]{1,3}\\s*日)\\s*[）)]?$");
    private static final Pattern ORGAN_LINE = Pattern.compile("^[\\p{IsHan}×XＸ（）()、\\s·]{2,60}$");
    /** Words that mark a line as a list of organs (主送机关) rather than an audience (同志们：). */
    private static final Pattern ORGANS = Pattern.compile(
            "人民政府|政府|各部委|委员会|直属机构|办公厅|办公室|部门|单位|党委|党组|局|厅|委|各区|各县|各市|各乡镇|街道|机关|企业|学校|院校");
    private static final Pattern AFTER_SIGNATURE = Pattern.compile("^[（(](?:此件|联系人|本件).{0,60}[）)]$");
    private static final Pattern ATTACHMENT_HEAD = Pattern.compile("^附\\s*件\\s*[0-9０-９]{0,2}\\s*[:：]\\s*(.*)$");
    private static final Pattern ATTACHMENT_ITEM = Pattern.compile("^[0-9０-９]{1,2}\\s*[.．、]\\s*(.{1,80})$");

    private OfficialElementsReader() {
    }

    /** The 发文字号 in a line, or null. */
    static String documentNumber(String line) {
        Matcher m = NUMBER.matcher(line);
        return m.find() ? m.group().replaceAll("\\s+", "") : null;
    }

    /** True for a line that is a date and nothing more. */
    static boolean isDate(String line) {
        return DATE_LINE.matcher(halfWidthDigits(line)).matches();
    }

    /** ０…９ as 0…9, as old documents and some editors write dates. */
    private static String halfWidthDigits(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '０' && c <= '９') {
                if (out == null) {
                    out = new StringBuilder(s);
                }
                out.setCharAt(i, (char) ('0' + (c - '０')));
            }
        }
        return out == null ? s : out.toString();
    }

    /** The date in a line (Arabic or Chinese numerals), or null when there is none or it is not a real date. */
    static LocalDate date(String text) {
        String line = halfWidthDigits(text);
        Matcher a = ARABIC_DATE.matcher(line);
        if (a.find()) {
            return of(Integer.parseInt(a.group(1)), Integer.parseInt(a.group(2)), Integer.parseInt(a.group(3)));
        }
        Matcher c = CHINESE_DATE.matcher(line);
        if (c.find()) {
            int year = 0;
            for (char ch : c.group(1).toCharArray()) {
                year = year * 10 + digit(ch);
            }
            return of(year, chineseNumber(c.group(2)), chineseNumber(c.group(3)));
        }
        return null;
    }

    /** True for a 主送机关 line: a list of organs ending in a colon. */
    static boolean isRecipients(String line) {
        char last = line.charAt(line.length() - 1);
        return (last == '：' || last == ':') && !line.contains("。") && HardWraps.width(line) <= 240
                && ORGANS.matcher(line).find() && HeadingPattern.match(line).isEmpty();
    }

    /** A line that may sit in a 落款 above the date: an organ's name, or several separated by spaces. */
    static boolean isOrganLine(String line) {
        return ORGAN_LINE.matcher(line).matches() && HardWraps.width(line) <= 80 && HeadingPattern.match(line).isEmpty();
    }

    static boolean followsSignature(String line) {
        return AFTER_SIGNATURE.matcher(line).matches();
    }

    /** The attachment named on a 附件说明 line ({@code 附件：1．……} or a following {@code 2．……}), or null. */
    static String attachmentHead(String line) {
        Matcher m = ATTACHMENT_HEAD.matcher(line);
        if (!m.matches() || line.contains("。")) {
            return null;
        }
        String rest = TextLines.trim(m.group(1));
        Matcher item = ATTACHMENT_ITEM.matcher(rest);
        return trimName(item.matches() ? item.group(1) : rest);
    }

    static String attachmentItem(String line) {
        Matcher m = ATTACHMENT_ITEM.matcher(line);
        return m.matches() && !line.contains("。") ? trimName(m.group(1)) : null;
    }

    private static String trimName(String s) {
        String t = TextLines.trim(s);
        while (!t.isEmpty() && "。；;，,".indexOf(t.charAt(t.length() - 1)) >= 0) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    private static LocalDate of(int year, int month, int day) {
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int digit(char c) {
        return switch (c) {
            case '〇', '○', '零' -> 0;
            default -> "一二三四五六七八九".indexOf(c) + 1;
        };
    }

    /** 一 … 九十九, written as the heading numbers and dates of official writing write them. */
    static int chineseNumber(String s) {
        int ten = s.indexOf('十');
        if (ten < 0) {
            return digit(s.charAt(0));
        }
        int tens = ten == 0 ? 1 : digit(s.charAt(0));
        int units = ten == s.length() - 1 ? 0 : digit(s.charAt(ten + 1));
        return tens * 10 + units;
    }

}
