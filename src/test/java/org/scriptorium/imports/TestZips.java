package org.scriptorium.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Zip archives for tests, written as Chinese Windows writes them (GBK names, no UTF-8 flag), and real documents. */
public final class TestZips {

    /** The public-domain documents of issue 13 (read in place). */
    public static final Path REAL = Path.of("src/test/resources/corpus/real");

    private TestZips() {
    }

    /** A zip of the given entries in order, names in GBK without the UTF-8 flag. */
    public static byte[] gbkZip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(bytes)) {
            out.setEncoding("GBK");
            out.setUseLanguageEncodingFlag(false);
            out.setCreateUnicodeExtraFields(ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putArchiveEntry(new ZipArchiveEntry(e.getKey()));
                out.write(e.getValue());
                out.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The real documents whose names start with the given prefixes (e.g. {@code D06}), each with one sentence holding
     * {@code word} added in its middle, so that tests sharing one library never meet each other's copies; keyed by
     * their file names, in the order given.
     */
    public static Map<String, byte[]> realDocuments(String word, String... prefixes) {
        Map<String, byte[]> documents = new LinkedHashMap<>();
        try {
            for (String prefix : prefixes) {
                Path file;
                try (var files = Files.list(REAL)) {
                    file = files.filter(f -> f.getFileName().toString().startsWith(prefix + "_")).findFirst().orElseThrow();
                }
                List<String> lines = new ArrayList<>(List.of(Files.readString(file, StandardCharsets.UTF_8).split("\n")));
                lines.add(lines.size() / 2, "各地区、各部门要按照" + word + "的要求认真抓好落实。");
                documents.put(file.getFileName().toString(), String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }
}
