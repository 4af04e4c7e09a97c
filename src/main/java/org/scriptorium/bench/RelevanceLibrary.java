package org.scriptorium.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.scriptorium.account.Accounts;
import org.scriptorium.account.Role;
import org.scriptorium.corpus.GeneratedDocument;
import org.scriptorium.corpus.SpeechCorpus;
import org.scriptorium.library.ImportResult;
import org.scriptorium.library.LibrarySearch;
import org.scriptorium.library.MaterialDraft;
import org.scriptorium.library.Materials;
import org.scriptorium.library.Topics;
import org.scriptorium.membership.Tier;
import org.scriptorium.search.MaterialQuery;
import org.scriptorium.search.SortOrder;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The library a judged query set is run against, loaded into an empty library through the product's own import
 * ({@link Materials#importMaterial}): the real documents as uploaded files, the demo materials as the demo loader
 * imports them, and generated documents of a seeded {@link SpeechCorpus}. Each material gets a key the judged set
 * names: {@code real:A01} (the file name's prefix), {@code demo:07}, {@code gen:42} (the corpus index).
 *
 * <p>Publication dates are fixed so that year queries have a stable answer: a real document is published on 15 March
 * of the first year its file name names ({@code A01_2025年…} → 2025-03-15), or on 15 February 2019 when it names none;
 * a demo material on 15 March of the year its title names (关于2024年上半年… → 2024-03-15), or else the days its
 * catalogue says before {@link SpeechCorpus#REFERENCE}; a generated one when the corpus says (so a 2022 summary may be
 * published in 2023, as in life).
 */
@Component
class RelevanceLibrary {

    private static final Pattern YEAR = Pattern.compile("((?:19|20)\\d{2})年");
    private static final Instant UNDATED = Instant.parse("2019-02-15T00:00:00Z");

    private final Materials materials;
    private final Accounts accounts;
    private final LibrarySearch search;

    RelevanceLibrary(Materials materials, Accounts accounts, LibrarySearch search) {
        this.materials = materials;
        this.accounts = accounts;
        this.search = search;
    }

    /**
     * A loaded library: each material's key by its id, the title and body the importer saved by key (what the baseline
     * indexes), the title the importer detected by key, and a staff account to search as.
     */
    record Loaded(Map<String, String> keyById, Map<String, String> textByKey, Map<String, String> titleByKey, String staffId) {
    }

    /**
     * Imports the real documents in {@code realDirectory} (its {@code .txt} files), the demo materials and
     * {@code generated} documents of the corpus seeded with {@code seed}.
     */
    Loaded load(Path realDirectory, int generated, long seed) {
        Map<String, String> keyById = new LinkedHashMap<>();
        Map<String, String> textByKey = new LinkedHashMap<>();
        Map<String, String> titleByKey = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(realDirectory)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList()) {
                String name = file.getFileName().toString();
                byte[] bytes = Files.readAllBytes(file);
                add(keyById, textByKey, titleByKey, "real:" + name.substring(0, name.indexOf('_')),
                        materials.importMaterial(new MaterialDraft(null, name, bytes, Tier.MEMBER, null, null,
                                publishedAt(name, UNDATED), null, null), null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String row : resource("demo/materials.tsv").lines().skip(1).filter(l -> !l.isBlank()).toList()) {
            String[] f = row.split("\t");
            add(keyById, textByKey, titleByKey, "demo:" + f[0].substring(0, f[0].indexOf('-')),
                    importDemo(f));
        }
        // Two at a time, as two editors importing at once: the library's state at the end is the same, in half the time
        // on two cores. Results are added in index order.
        SpeechCorpus corpus = new SpeechCorpus(seed);
        try (ExecutorService editors = Executors.newFixedThreadPool(2)) {
            List<Future<ImportResult>> imports = new ArrayList<>();
            for (int i = 0; i < generated; i++) {
                GeneratedDocument doc = corpus.document(i);
                imports.add(editors.submit(() -> materials.importMaterial(new MaterialDraft(doc.text(), null, null,
                        doc.free() ? Tier.FREE : Tier.MEMBER, doc.kind(), doc.topics(), doc.publishedAt(), null, null), null)));
            }
            for (int i = 0; i < generated; i++) {
                add(keyById, textByKey, titleByKey, "gen:" + i, imports.get(i).get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while importing generated documents", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("A generated document could not be imported", e.getCause());
        }
        String staffId = accounts.create("relevance-" + UUID.randomUUID().toString().substring(0, 8) + "@bench.example",
                "relevance-password-1", "相关性评测", EnumSet.of(Role.MEMBER, Role.EDITOR)).id();
        return new Loaded(Map.copyOf(keyById), textByKey, titleByKey, staffId);
    }

    /** The keys of the product's first {@value RelevanceEvaluation#DEPTH} hits for {@code text}, as staff sees them. */
    List<String> search(Loaded library, String text) {
        MaterialQuery query = new MaterialQuery(text, null, null, null, null, SortOrder.RELEVANCE, 0, RelevanceEvaluation.DEPTH);
        return search.search(query, Optional.of(library.staffId())).hits().stream()
                .map(found -> library.keyById().getOrDefault(found.material().id(), "other:" + found.material().id()))
                .toList();
    }

    private ImportResult importDemo(String[] row) {
        String text = resource("demo/" + row[0]);
        Instant byCatalogue = SpeechCorpus.REFERENCE.minus(Duration.ofDays(Long.parseLong(row[4])));
        ImportResult imported = materials.importMaterial(new MaterialDraft(text, null, null, Tier.valueOf(row[3]), row[1],
                Topics.parse(row[2]), byCatalogue, null, null), null);
        Instant byTitle = publishedAt(imported.material().title(), byCatalogue);
        return byTitle.equals(byCatalogue) ? imported : new ImportResult(materials.updateDetails(imported.material().id(),
                null, null, null, null, byTitle), imported.revision(), imported.parsed(), imported.similar());
    }

    /** 15 March of the first year {@code named} names, or {@code otherwise}. */
    static Instant publishedAt(String named, Instant otherwise) {
        Matcher year = YEAR.matcher(named);
        return year.find() ? Instant.parse(year.group(1) + "-03-15T00:00:00Z") : otherwise;
    }

    private static void add(Map<String, String> keyById, Map<String, String> textByKey, Map<String, String> titleByKey,
                            String key, ImportResult imported) {
        keyById.put(imported.material().id(), key);
        textByKey.put(key, imported.material().title() + "\n" + imported.parsed().body());
        titleByKey.put(key, imported.material().title());
    }

    private static String resource(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
