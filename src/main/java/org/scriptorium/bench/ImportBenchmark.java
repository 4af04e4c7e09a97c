package org.scriptorium.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.scriptorium.account.Account;
import org.scriptorium.account.Accounts;
import org.scriptorium.account.Role;
import org.scriptorium.corpus.GeneratedDocument;
import org.scriptorium.corpus.SpeechCorpus;
import org.scriptorium.imports.BatchImports;
import org.scriptorium.imports.ImportDetails;
import org.scriptorium.imports.ImportJob;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.FileSystemResource;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar scriptorium.jar bench-imports --scriptorium.data-dir=./bench-imports-data}: writes a zip of
 * generated documents (default 5,000, seeded {@link SpeechCorpus}, names in GBK as Chinese Windows writes them), then
 * imports it end to end through the batch import's own job runner (stored archive, one document per transaction, body
 * hash, structure parse, search indexing), and prints documents per second and the heap: its peak while importing
 * (sampled every 50 ms, garbage included) and what stays after a full GC. Not a test: its figures depend on the machine.
 */
@Component
@Order(2)
class ImportBenchmark implements ApplicationRunner {

    static final String NAME = "bench-imports";

    private final Accounts accounts;
    private final BatchImports imports;

    ImportBenchmark(Accounts accounts, BatchImports imports) {
        this.accounts = accounts;
        this.imports = imports;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (!args.getNonOptionArgs().contains(NAME)) {
            return;
        }
        int documents = Integer.parseInt(option(args, "bench.documents", "5000"));
        long seed = Long.parseLong(option(args, "bench.seed", "20261206"));
        System.out.printf("Import benchmark: %,d generated documents in one zip, Java %s, %d cores, max heap %,d MB%n",
                documents, Runtime.version(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        String run = UUID.randomUUID().toString().substring(0, 8);
        Account editor = accounts.create("bench-import-editor-" + run + "@bench.example", "bench-password-1", "压测编辑",
                EnumSet.of(Role.MEMBER, Role.EDITOR));

        Path zip = Files.createTempFile("bench-imports", ".zip");
        long t0 = System.nanoTime();
        long characters = writeZip(zip, new SpeechCorpus(seed), documents, run);
        System.out.printf("zip written: %,d bytes, %,d characters of text, in %.1f s%n", Files.size(zip), characters,
                (System.nanoTime() - t0) / 1e9);

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = settledHeap(memory);
        long gcBefore = gcMillis();
        AtomicLong peak = new AtomicLong();
        Thread sampler = Thread.ofPlatform().daemon().name("heap-sampler").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        long start = System.nanoTime();
        String id = imports.start(List.of(new BatchImports.Upload("bench.zip", new FileSystemResource(zip))),
                ImportDetails.none(), editor.id());
        ImportJob job;
        long lastPrint = start;
        while ((job = imports.summary(id).orElseThrow()).status() != ImportJob.Status.DONE) {
            Thread.sleep(200);
            if (System.nanoTime() - lastPrint > 10_000_000_000L) {
                lastPrint = System.nanoTime();
                System.out.printf("  %,d / %,d after %.0f s%n", job.done(), job.total(), (lastPrint - start) / 1e9);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        sampler.interrupt();
        long after = settledHeap(memory);
        Files.deleteIfExists(zip);

        System.out.printf("%n| documents | imported | duplicates | failed | seconds | documents/s | peak heap used (sampled) | heap after GC: before → after | GC time |%n");
        System.out.printf("|---|---|---|---|---|---|---|---|---|%n");
        System.out.printf("| %,d | %,d | %,d | %,d | %.1f | %.1f | %,d MB | %,d → %,d MB | %,d ms |%n", job.total(),
                job.imported(), job.duplicates(), job.failed(), seconds, job.done() / seconds, peak.get() / (1024 * 1024),
                before / (1024 * 1024), after / (1024 * 1024), gcMillis() - gcBefore);
        if (job.failed() > 0) {
            imports.job(id).orElseThrow().items().stream().filter(i -> i.code() != null).limit(5)
                    .forEach(i -> System.out.println("  failed: " + i.file() + " " + i.code() + " " + i.detail()));
        }
    }

    /** Streams the documents into a zip file one at a time: the benchmark's own heap stays small too. */
    private static long writeZip(Path file, SpeechCorpus corpus, int count, String run) throws IOException {
        long characters = 0;
        try (OutputStream raw = Files.newOutputStream(file); ZipArchiveOutputStream zip = new ZipArchiveOutputStream(raw)) {
            zip.setEncoding("GBK");
            zip.setUseLanguageEncodingFlag(false);
            zip.setCreateUnicodeExtraFields(ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER);
            for (long i = 0; i < count; i++) {
                GeneratedDocument d = corpus.document(i);
                // A line of this run makes every text new to a library that ran the benchmark before.
                String text = d.text() + "\n本文编号：" + run + "-" + i + "。";
                characters += text.length();
                String title = d.title().replaceAll("[\\\\/:*?\"<>|]", "");
                zip.putArchiveEntry(new ZipArchiveEntry(String.format("材料/%05d_%s.txt", i,
                        title.length() > 60 ? title.substring(0, 60) : title)));
                zip.write(text.getBytes(StandardCharsets.UTF_8));
                zip.closeArchiveEntry();
            }
        }
        return characters;
    }

    private static long settledHeap(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .filter(t -> t > 0).sum();
    }

    private static String option(ApplicationArguments args, String name, String fallback) {
        List<String> values = args.getOptionValues(name);
        return values == null || values.isEmpty() ? fallback : values.getFirst();
    }
}
