package org.scriptorium.bench;

import com.github.houbb.opencc4j.util.ZhConverterUtil;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.scriptorium.corpus.SpeechCorpus;
import org.scriptorium.library.StructureParser;
import org.scriptorium.tracer.MemberTextIndex;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar scriptorium.jar bench-guard}: the leak guard's matcher ({@link MemberTextIndex}) over a library of
 * generated materials (default 10,000, one in ten FREE) plus half of the real documents, measuring what it holds and
 * what it lets through, and how long it takes. Held: excerpts of personalised copies ({@link TraceSimulation}) of 80,
 * 150 and 300 characters, as copied, retyped with other punctuation, and with spaces, zero-width characters, full-width
 * letters or Traditional characters put in. Let through, which must all be: chat lines
 * ({@code --bench.chat}, default {@code src/test/resources/guard/chat-lines.txt}), quotes of official phrases, FREE
 * materials' text, and every paragraph and 300-character window of the real documents not added
 * ({@code --bench.real}, default {@code src/test/resources/corpus/real}). Prints Markdown tables. Not a test: the
 * figures of time depend on the machine.
 */
@Component
@Order(2)
class GuardBenchmark implements ApplicationRunner {

    static final String NAME = "bench-guard";

    /** Official phrases everybody quotes; none may be held. */
    static final List<String> COMMON_PHRASES = List.of(
            "高举中国特色社会主义伟大旗帜",
            "深入学习贯彻习近平新时代中国特色社会主义思想",
            "深入学习贯彻党的二十大精神",
            "全面贯彻党的二十大和二十届二中、三中全会精神",
            "坚持以习近平新时代中国特色社会主义思想为指导",
            "深刻领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”",
            "完整准确全面贯彻新发展理念，加快构建新发展格局，着力推动高质量发展",
            "坚持稳中求进工作总基调",
            "以中国式现代化全面推进强国建设、民族复兴伟业",
            "坚持以人民为中心的发展思想",
            "更好统筹发展和安全",
            "为全面建设社会主义现代化国家开好局起好步",
            "持之以恒正风肃纪反腐",
            "守正创新、勇毅前行",
            "不忘初心、牢记使命");

    @Override
    public void run(ApplicationArguments args) {
        if (!args.getNonOptionArgs().contains(NAME)) {
            return;
        }
        int materials = Integer.parseInt(option(args, "bench.materials", "10000"));
        int trials = Integer.parseInt(option(args, "bench.trials", "100"));
        Path chat = Path.of(option(args, "bench.chat", "src/test/resources/guard/chat-lines.txt"));
        Path real = Path.of(option(args, "bench.real", "src/test/resources/corpus/real"));
        evaluate(materials, trials, lines(chat), realDocuments(real), System.out);
    }

    /** The whole measurement; printed to {@code out}. */
    static void evaluate(int generated, int trials, List<String> chatLines, Map<String, String> realDocuments,
                         PrintStream out) {
        out.printf("Leak guard benchmark: %,d generated materials, Java %s, %d cores, max heap %,d MB%n%n", generated,
                Runtime.version(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        List<String> names = new ArrayList<>(realDocuments.keySet());
        List<String> outside = new ArrayList<>();
        List<String> inside = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            (i % 2 == 0 ? inside : outside).add(names.get(i));
        }
        // members' copies of generated materials (0-15; 16-19 FREE) and of the real documents that will be added
        TraceSimulation sim = new TraceSimulation(50, 20, 20261216L);
        int firstFree = 16;
        int firstReal = sim.materials();
        StructureParser parser = new StructureParser();
        for (String name : inside) {
            sim.addMaterial(name, parser.parse(realDocuments.get(name)).paragraphs(), false, m -> true);
        }
        MemberTextIndex index = new MemberTextIndex();
        long heapBefore = usedHeap();
        long start = System.nanoTime();
        long characters = 0;
        SpeechCorpus corpus = new SpeechCorpus(7L);
        for (int i = 0; i < generated; i++) {
            String text = corpus.document(i).text();
            characters += text.length();
            index.add("gen" + i, i % 10 == 9, text);
        }
        for (int m = 0; m < firstReal; m++) {
            index.add("sim" + m, m >= firstFree, String.join("\n", sim.paragraphs(m)));
        }
        long buildMillis = (System.nanoTime() - start) / 1_000_000;
        long heap = usedHeap() - heapBefore;
        out.printf("Index: %,d generated materials (%,d characters, one in ten FREE) built in %,d ms; heap after GC "
                + "+%,d MB%n%n", generated + firstReal, characters, buildMillis, heap / (1024 * 1024));

        // what must be let through, while no real document is in the library
        List<String> chat = new ArrayList<>(chatLines);
        out.println("| Let through (library: generated materials only) | texts | held | largest evidence | evidence ≥ 40 |");
        out.println("|---|---|---|---|---|");
        row(out, "chat lines", chat, index);
        row(out, "quotes of official phrases", COMMON_PHRASES, index);
        SplittableRandom random = new SplittableRandom(16);
        List<String> free = new ArrayList<>();
        for (int m = firstFree; m < firstReal; m++) {
            for (int t = 0; t < 25; t++) {
                free.add(visibleExcerpt(copyText(sim, random.nextInt(sim.members()), m), 300, random));
            }
        }
        row(out, "FREE materials' copies, 300-character excerpts", free, index);
        List<String> otherGenerated = new ArrayList<>();
        SpeechCorpus other = new SpeechCorpus(99L);
        for (int i = 0; i < 20; i++) {
            String text = other.document(1_000_000 + i).text();
            for (int from = 0; from + 300 <= text.length(); from += 300) {
                otherGenerated.add(text.substring(from, from + 300));
            }
        }
        row(out, "generated text not in the library, 300-character windows", otherGenerated, index);
        realRows(out, "all " + names.size() + " real documents", names, realDocuments, index);

        // the real documents of one half become member materials
        for (int m = firstReal; m < sim.materials(); m++) {
            index.add("sim" + m, false, String.join("\n", sim.paragraphs(m)));
        }
        out.println();
        out.println("| Let through (library: and " + inside.size() + " of the real documents as member materials) "
                + "| texts | held | largest evidence | evidence ≥ 40 |");
        out.println("|---|---|---|---|---|");
        List<String> windows = realRows(out, "the other " + outside.size() + " real documents", outside, realDocuments,
                index);

        // what must be held
        Map<String, UnaryOperator<String>> variants = new LinkedHashMap<>();
        variants.put("as copied (invisible marks kept)", s -> s);
        variants.put("retyped, punctuation changed", GuardBenchmark::retyped);
        variants.put("a space between characters", s -> between(retyped(s), " "));
        variants.put("zero-width space between characters", s -> between(s, "\u200B"));
        variants.put("full-width letters/digits, half-width punctuation", GuardBenchmark::widthSwapped);
        variants.put("every third character Traditional", GuardBenchmark::partlyTraditional);
        variants.put("all Traditional", ZhConverterUtil::toTraditional);
        variants.put("inside a chat line", s -> "大家看看这段写得怎么样：" + s + " 我觉得可以直接用");
        for (boolean real : new boolean[] {true, false}) {
            out.println();
            out.println("| Excerpt of a member's copy of " + (real ? "a real document" : "a generated material")
                    + " | 80 characters | 120 characters | 150 characters | 300 characters |");
            out.println("|---|---|---|---|---|");
            for (Map.Entry<String, UnaryOperator<String>> v : variants.entrySet()) {
                StringBuilder row = new StringBuilder("| " + v.getKey() + " |");
                for (int length : new int[] {80, 120, 150, 300}) {
                    int held = 0;
                    int[] evidence = new int[trials];
                    for (int t = 0; t < trials; t++) {
                        int member = random.nextInt(sim.members());
                        int material = real ? firstReal + random.nextInt(sim.materials() - firstReal)
                                : random.nextInt(firstFree);
                        String excerpt = visibleExcerpt(copyText(sim, member, material), length, random);
                        MemberTextIndex.Inspection found = index.inspect(v.getValue().apply(excerpt));
                        evidence[t] = found.evidence();
                        held += found.held() ? 1 : 0;
                    }
                    Arrays.sort(evidence);
                    row.append(String.format(" %d/%d (min %d, median %d) |", held, trials, evidence[0],
                            evidence[trials / 2]));
                }
                out.println(row);
            }
        }

        // cost
        out.println();
        out.println("| Inspecting | median | p99 | max | CPU median | CPU p99 |");
        out.println("|---|---|---|---|---|---|");
        String copy = copyText(sim, 1, firstReal);
        timing(out, "a chat line", chatLines, index);
        List<String> excerpts = new ArrayList<>();
        List<String> long1000 = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            excerpts.add(visibleExcerpt(copy, 300, random));
            long1000.add(windows.get(random.nextInt(windows.size())).repeat(4));
        }
        timing(out, "300 characters of a copy (held)", excerpts, index);
        timing(out, "1,200 characters of text not in the library", long1000, index);
    }

    /** A member's copy as delivered, without its notice line. */
    private static String copyText(TraceSimulation sim, int member, int material) {
        List<String> copy = sim.copy(member, material);
        return String.join("\n", copy.subList(0, copy.size() - 1));
    }

    /** Rows for every paragraph and every 300-character window (150 apart) of the documents; the windows. */
    private static List<String> realRows(PrintStream out, String name, List<String> documents,
                                         Map<String, String> texts, MemberTextIndex index) {
        List<String> paragraphs = new ArrayList<>();
        List<String> windows = new ArrayList<>();
        for (String document : documents) {
            String text = texts.get(document);
            for (String line : text.split("\n")) {
                if (!line.isBlank()) {
                    paragraphs.add(line.strip());
                }
            }
            for (int from = 0; from < text.length(); from += 150) {
                windows.add(text.substring(from, Math.min(text.length(), from + 300)));
            }
        }
        row(out, name + ", paragraphs", paragraphs, index);
        row(out, name + ", 300-character windows", windows, index);
        return windows;
    }

    private static void row(PrintStream out, String name, List<String> texts, MemberTextIndex index) {
        int held = 0;
        int largest = 0;
        int four = 0;
        for (String text : texts) {
            MemberTextIndex.Inspection found = index.inspect(text);
            held += found.held() ? 1 : 0;
            largest = Math.max(largest, found.evidence());
            four += found.evidence() >= 40 ? 1 : 0;
        }
        out.printf("| %s | %,d | %d | %d | %d |%n", name, texts.size(), held, largest, four);
    }

    /**
     * Wall time per inspection, and the thread's CPU time: on a machine shared with other work the wall time's tail
     * is mostly waiting for a core.
     */
    private static void timing(PrintStream out, String name, List<String> texts, MemberTextIndex index) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int round = 0; round < 20; round++) {
            for (String text : texts) {
                sink += index.inspect(text).evidence();
            }
        }
        int runs = 20_000;
        long[] nanos = new long[runs];
        long[] cpu = new long[runs];
        for (int i = 0; i < runs; i++) {
            String text = texts.get(i % texts.size());
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            sink += index.inspect(text).evidence();
            nanos[i] = System.nanoTime() - start;
            cpu[i] = threads.getCurrentThreadCpuTime() - cpuStart;
        }
        Arrays.sort(nanos);
        Arrays.sort(cpu);
        out.printf("| %s | %.3f ms | %.3f ms | %.3f ms | %.3f ms | %.3f ms |%s%n", name, nanos[runs / 2] / 1e6,
                nanos[runs * 99 / 100] / 1e6, nanos[runs - 1] / 1e6, cpu[runs / 2] / 1e6, cpu[runs * 99 / 100] / 1e6,
                sink == 42 ? " " : "");
    }

    /** About {@code length} visible characters from a random place; the invisible ones among them kept. */
    static String visibleExcerpt(String text, int length, SplittableRandom random) {
        int from = random.nextInt(Math.max(1, text.length() - length * 2));
        StringBuilder out = new StringBuilder();
        int visible = 0;
        for (int i = from; i < text.length() && visible < length; i++) {
            char c = text.charAt(i);
            out.append(c);
            visible += Character.getType(c) == Character.FORMAT ? 0 : 1;
        }
        return out.toString();
    }

    /** As a person retypes it: no invisible characters, other punctuation, paragraphs run together. */
    static String retyped(String text) {
        return text.replaceAll("[\\u200B\\u200C\\u200D\\u2060\\uFEFF]", "")
                .replace('，', ' ').replace('。', '.').replace('；', ',').replace('、', '/').replace('：', ':')
                .replace("“", "\"").replace("”", "\"").replace("\n", "");
    }

    static String between(String text, String filler) {
        StringBuilder out = new StringBuilder(text.length() * 2);
        text.codePoints().forEach(cp -> out.appendCodePoint(cp).append(filler));
        return out.toString();
    }

    /** ASCII letters and digits in full width, full-width punctuation in half width. */
    static String widthSwapped(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                out.append((char) (c - 0x21 + 0xFF01));
            } else if (c == '，') {
                out.append(',');
            } else if (c == '。') {
                out.append('.');
            } else if (c == '（') {
                out.append('(');
            } else if (c == '）') {
                out.append(')');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Every third Han character in its Traditional form. */
    static String partlyTraditional(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int han = 0;
        for (char c : text.toCharArray()) {
            boolean isHan = Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
            out.append(isHan && han++ % 3 == 2 ? ZhConverterUtil.toTraditional(String.valueOf(c)) : String.valueOf(c));
        }
        return out.toString();
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> realDocuments(Path dir) {
        Map<String, String> documents = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                documents.put(f.getFileName().toString(), Files.readString(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    private static long usedHeap() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static String option(ApplicationArguments args, String name, String fallback) {
        List<String> values = args.getOptionValues(name);
        return values == null || values.isEmpty() ? fallback : values.getFirst();
    }
}
