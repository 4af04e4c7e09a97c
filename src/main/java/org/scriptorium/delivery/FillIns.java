package org.scriptorium.delivery;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scriptorium.common.Rejected;
import org.scriptorium.library.PlaceholderMeaning;
import org.scriptorium.library.Placeholders;

/**
 * The values a reader typed for a material's placeholders (××, XX, 某某, ＿＿), to go into their copy: one per meaning
 * ({@code ××县} and {@code 某某街道} are places, {@code ××份} a number) and, overriding it, one per occurrence.
 *
 * <p>Occurrences are numbered from 1 in reading order: the title, then the paragraphs (a heading before its run-in
 * text), as the reading page shows them. A date's value ({@code 2024年5月6日}, {@code 2024-05-06}) is cut into its parts,
 * so {@code ××年××月××日} reads {@code 2024年5月6日}; a date placeholder with no unit after it takes the whole date.
 *
 * <p>Values are applied to the copy after its marks are placed. Marks never stand inside a placeholder, and a value
 * may hold no format or control character, so a value can neither erase a mark nor forge one.
 *
 * @param byMeaning    the value for every occurrence of a meaning; the date's value is stored as {@code 2024年5月6日}
 * @param byOccurrence the value for one occurrence, by its number from 1
 */
public record FillIns(Map<PlaceholderMeaning, String> byMeaning, Map<Integer, String> byOccurrence) {

    /** No values: every placeholder stays as written. */
    public static final FillIns NONE = new FillIns(Map.of(), Map.of());

    /** Query parameters start with this ({@code fill.place}, {@code fill.3}). */
    public static final String PREFIX = "fill.";
    /** Longest value, in characters. */
    public static final int MAX_LENGTH = 40;
    /** Most values in one request. */
    public static final int MAX_VALUES = 100;
    /** Highest occurrence number accepted. */
    public static final int MAX_OCCURRENCE = 10_000;

    private static final Pattern OCCURRENCE = Pattern.compile("[1-9][0-9]{0,4}");
    private static final Pattern DATE = Pattern.compile(
            "(\\d{4})(?:\\s*(?:年|[-/.])(?:\\s*(\\d{1,2})\\s*(?:月|[-/.])?(?:\\s*(\\d{1,2})\\s*[日号]?)?)?)?");

    public FillIns {
        byMeaning = Map.copyOf(byMeaning);
        byOccurrence = Map.copyOf(byOccurrence);
    }

    /**
     * The values among request parameters: {@code fill.place}, {@code fill.name}, {@code fill.number},
     * {@code fill.date}, {@code fill.other} and {@code fill.<n>} for the n-th occurrence; other parameters are not
     * read. Values are trimmed; an empty value is no value.
     *
     * @throws Rejected 422, naming the parameter: {@code FILL_IN_UNKNOWN} for a {@code fill.} parameter that is none of
     *                  these or is given twice, {@code FILL_IN_TOO_LONG} beyond {@value #MAX_LENGTH} characters,
     *                  {@code FILL_IN_FORBIDDEN_CHARACTER} for a control, format (zero-width) or line-separator
     *                  character, {@code FILL_IN_BAD_DATE} for a date that is not a year, month and day in digits,
     *                  {@code FILL_IN_TOO_MANY} beyond {@value #MAX_VALUES} values
     */
    public static FillIns from(Map<String, List<String>> parameters) {
        Map<PlaceholderMeaning, String> byMeaning = new EnumMap<>(PlaceholderMeaning.class);
        Map<Integer, String> byOccurrence = new TreeMap<>();
        int count = 0;
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            String name = p.getKey();
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            if (++count > MAX_VALUES) {
                throw Rejected.ofField(422, "FILL_IN_TOO_MANY", name, "填写的占位符过多（最多 " + MAX_VALUES + " 项）。",
                        "Too many fill-in values (at most " + MAX_VALUES + ").");
            }
            if (p.getValue().size() != 1) {
                throw unknown(name);
            }
            String value = checked(name, p.getValue().get(0));
            if (value.isEmpty()) {
                continue;
            }
            String key = name.substring(PREFIX.length());
            Optional<PlaceholderMeaning> meaning = meaning(key);
            if (meaning.isPresent()) {
                byMeaning.put(meaning.get(), meaning.get() == PlaceholderMeaning.DATE ? date(name, value).whole() : value);
            } else if (OCCURRENCE.matcher(key).matches() && Integer.parseInt(key) <= MAX_OCCURRENCE) {
                byOccurrence.put(Integer.parseInt(key), value);
            } else {
                throw unknown(name);
            }
        }
        return new FillIns(byMeaning, byOccurrence);
    }

    /** Whether there is no value at all. */
    public boolean isEmpty() {
        return byMeaning.isEmpty() && byOccurrence.isEmpty();
    }

    /**
     * The document with its placeholders filled: the title's and the paragraphs' (run-in texts included), never the
     * notice. Characters outside the placeholders, the copy's marks among them, are kept as they are.
     */
    public DeliveredDocument applyTo(DeliveredDocument document) {
        if (isEmpty()) {
            return document;
        }
        int[] next = {1};
        String title = fill(document.title(), next);
        List<DeliveredParagraph> paragraphs = new ArrayList<>(document.paragraphs().size());
        for (DeliveredParagraph p : document.paragraphs()) {
            String text = fill(p.text(), next);
            String runIn = p.hasRunIn() ? fill(p.runIn(), next) : null;
            paragraphs.add(new DeliveredParagraph(p.style(), text, runIn));
        }
        return new DeliveredDocument(title, paragraphs, document.notice(), document.layout(), document.letterhead());
    }

    /**
     * The text with its placeholders filled, numbering them on from {@code next[0]} (which is advanced past them).
     */
    String fill(String text, int[] next) {
        List<Placeholders.Occurrence> occurrences = Placeholders.occurrences(text);
        if (occurrences.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        int at = 0;
        for (Placeholders.Occurrence o : occurrences) {
            out.append(text, at, o.start()).append(valueFor(o, next[0]++));
            at = o.end();
        }
        return out.append(text, at, text.length()).toString();
    }

    /** What the {@code number}-th occurrence becomes: its own value, else its meaning's, else the token itself. */
    private String valueFor(Placeholders.Occurrence o, int number) {
        String own = byOccurrence.get(number);
        if (own != null) {
            return own;
        }
        String value = byMeaning.get(o.meaning());
        if (value == null) {
            return o.token();
        }
        if (o.meaning() != PlaceholderMeaning.DATE || o.dateUnit().isEmpty()) {
            return value;
        }
        DateParts date = date("fill.date", value);
        String part = switch (o.dateUnit()) {
            case "年" -> date.year();
            case "月" -> date.month();
            default -> date.day();
        };
        return part == null ? o.token() : part;
    }

    private static Optional<PlaceholderMeaning> meaning(String code) {
        for (PlaceholderMeaning m : PlaceholderMeaning.values()) {
            if (m.code().equals(code)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The value trimmed, refused if too long or holding a character that could hide or fake a mark. */
    private static String checked(String name, String raw) {
        String value = raw == null ? "" : raw.strip();
        if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
            throw Rejected.ofField(422, "FILL_IN_TOO_LONG", name, "填写内容过长（每项最多 " + MAX_LENGTH + " 个字）。",
                    "A fill-in value is too long (at most " + MAX_LENGTH + " characters).");
        }
        boolean forbidden = value.codePoints().anyMatch(cp -> switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> true;
            default -> false;
        });
        if (forbidden) {
            throw Rejected.ofField(422, "FILL_IN_FORBIDDEN_CHARACTER", name,
                    "填写内容含有不可见字符或控制字符，请删除后重试。",
                    "A fill-in value holds an invisible or control character.");
        }
        return value;
    }

    private static Rejected unknown(String name) {
        return Rejected.ofField(422, "FILL_IN_UNKNOWN", name,
                "无法识别的填写项：" + name + "（可用 fill.place、fill.name、fill.number、fill.date、fill.other 或 fill.序号，每项一次）。",
                "Unknown or repeated fill-in parameter: " + name + ".");
    }

    /** A date in digits: a year, and a month and a day when given. */
    record DateParts(String year, String month, String day) {

        /** The date as a 公文 writes it: {@code 2024年5月6日}. */
        String whole() {
            return year + "年" + (month == null ? "" : month + "月") + (day == null ? "" : day + "日");
        }
    }

    /** Reads a date; leading zeros of month and day are dropped, as 公文 dates write them. */
    static DateParts date(String name, String value) {
        Matcher m = DATE.matcher(value.strip());
        if (!m.matches() || (m.group(2) == null && m.group(3) != null)) {
            throw Rejected.ofField(422, "FILL_IN_BAD_DATE", name, "日期请写成 2024年5月6日、2024-05-06 或 2024年5月。",
                    "Write the date as 2024-05-06 or 2024年5月6日.");
        }
        String month = m.group(2) == null ? null : String.valueOf(Integer.parseInt(m.group(2)));
        String day = m.group(3) == null ? null : String.valueOf(Integer.parseInt(m.group(3)));
        if ((month != null && (Integer.parseInt(month) < 1 || Integer.parseInt(month) > 12))
                || (day != null && (Integer.parseInt(day) < 1 || Integer.parseInt(day) > 31))) {
            throw Rejected.ofField(422, "FILL_IN_BAD_DATE", name, "日期中的月或日不存在。",
                    "The month or day of the date does not exist.");
        }
        return new DateParts(m.group(1), month, day);
    }
}
