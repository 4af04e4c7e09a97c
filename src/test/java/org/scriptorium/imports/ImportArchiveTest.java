package org.scriptorium.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scriptorium.common.Rejected;

/** Reading an uploaded archive entry by entry: names as Windows writes them, and each hostile entry refused on its own. */
class ImportArchiveTest {

    private static final long MB = 1024L * 1024;
    private static final byte[] TEXT = "关于做好春节期间安全生产工作的通知\n各乡镇：\n现就有关事项通知如下。".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    record Entry(String name, byte[] content) {
    }

    /** A zip written as Chinese Windows does when {@code encoding} is GBK: names in that encoding, no UTF-8 flag. */
    private Path zip(String encoding, Entry... entries) throws IOException {
        Path file = Files.createTempFile(dir, "archive", ".zip");
        try (OutputStream raw = Files.newOutputStream(file); ZipArchiveOutputStream out = new ZipArchiveOutputStream(raw)) {
            out.setEncoding(encoding);
            out.setUseLanguageEncodingFlag(encoding.equals("UTF-8"));
            out.setCreateUnicodeExtraFields(ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER);
            for (Entry e : entries) {
                out.putArchiveEntry(new ZipArchiveEntry(e.name()));
                out.write(e.content());
                out.closeArchiveEntry();
            }
        }
        return file;
    }

    private Path zip(Entry... entries) throws IOException {
        return zip("UTF-8", entries);
    }

    private static ImportArchive open(Path file) throws IOException {
        return ImportArchive.open(file, ImportArchive.Limits.of(20 * MB, Files.size(file)));
    }

    private static List<String> outcomes(ImportArchive archive) {
        List<String> out = new ArrayList<>();
        for (ImportArchive.Listed item : archive.listing()) {
            out.add(item.path() + " → " + switch (archive.read(item)) {
                case ImportArchive.Document d -> "document " + d.content().length;
                case ImportArchive.Refused r -> r.refusal().code();
            });
        }
        return out;
    }

    @Test
    @DisplayName("names written in GBK without the UTF-8 flag come out right, and so do UTF-8 names with and without it")
    void gbkNames() throws IOException {
        Path gbk = zip("GBK", new Entry("通知/国务院办公厅关于2019年部分节假日安排的通知.txt", TEXT));
        try (ImportArchive archive = open(gbk)) {
            assertThat(archive.listing()).singleElement().satisfies(item -> {
                assertThat(item.path()).isEqualTo("通知/国务院办公厅关于2019年部分节假日安排的通知.txt");
                assertThat(item.name()).isEqualTo("国务院办公厅关于2019年部分节假日安排的通知.txt");
            });
            assertThat(((ImportArchive.Document) archive.read(archive.listing().getFirst())).content()).isEqualTo(TEXT);
        }
        // "UTF8" (not "UTF-8") writes UTF-8 names without the flag, as some Linux and macOS tools do
        Path unflaggedUtf8 = zip("UTF8", new Entry("工作总结.txt", TEXT));
        try (ImportArchive archive = open(unflaggedUtf8)) {
            assertThat(archive.listing()).extracting(ImportArchive.Listed::name).containsExactly("工作总结.txt");
        }
        try (ImportArchive archive = open(zip(new Entry("心得体会.md", TEXT)))) {
            assertThat(archive.listing()).extracting(ImportArchive.Listed::name).containsExactly("心得体会.md");
        }
    }

    @Test
    @DisplayName("traversal and absolute names and nested archives are refused per entry; the others are read")
    void unsafeAndNested() throws IOException {
        Path file = zip(new Entry("a.txt", TEXT), new Entry("../../etc/passwd", TEXT), new Entry("/etc/passwd", TEXT),
                new Entry("C:\\Windows\\win.ini", TEXT), new Entry("ok/..\\..\\b.txt", TEXT),
                new Entry("inner.zip", TEXT), new Entry("资料.RAR", TEXT), new Entry("x.7z", TEXT),
                new Entry("y.tar.gz", TEXT), new Entry("b.docx", TEXT));
        try (ImportArchive archive = open(file)) {
            assertThat(outcomes(archive)).containsExactly(
                    "a.txt → document " + TEXT.length,
                    "../../etc/passwd → UNSAFE_NAME",
                    "/etc/passwd → UNSAFE_NAME",
                    "C:/Windows/win.ini → UNSAFE_NAME", // the zip writer turns this name's backslashes into slashes
                    "ok/..\\..\\b.txt → UNSAFE_NAME",
                    "inner.zip → NESTED_ARCHIVE",
                    "资料.RAR → NESTED_ARCHIVE",
                    "x.7z → NESTED_ARCHIVE",
                    "y.tar.gz → NESTED_ARCHIVE",
                    "b.docx → document " + TEXT.length);
            assertThat(archive.listing()).extracting(ImportArchive.Listed::position).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        }
    }

    @Test
    @DisplayName("folders, __MACOSX, .DS_Store, Thumbs.db and Word lock files are not items at all")
    void junkSkipped() throws IOException {
        Path file = zip(new Entry("材料/", new byte[0]), new Entry("__MACOSX/材料/._a.txt", TEXT),
                new Entry("材料/.DS_Store", TEXT), new Entry("材料/Thumbs.db", TEXT), new Entry("材料/~$讲话.docx", TEXT),
                new Entry("材料/讲话.docx", TEXT));
        try (ImportArchive archive = open(file)) {
            assertThat(archive.listing()).extracting(ImportArchive.Listed::path).containsExactly("材料/讲话.docx");
        }
    }

    @Test
    @DisplayName("an entry of 20 MB of zeros (20 KB compressed) is a zip bomb; the entry after it is still read")
    void bombByRatio() throws IOException {
        Path file = zip(new Entry("bomb.txt", new byte[(int) (20 * MB)]), new Entry("after.txt", TEXT));
        assertThat(Files.size(file)).isLessThan(MB);
        try (ImportArchive archive = open(file)) {
            assertThat(outcomes(archive)).containsExactly("bomb.txt → ZIP_BOMB", "after.txt → document " + TEXT.length);
        }
    }

    @Test
    @DisplayName("once the archive inflates past its total cap, that entry and every later one are refused as a zip bomb")
    void bombByTotal() throws IOException {
        byte[] random = new byte[100_000];
        new Random(7).nextBytes(random);
        Path file = zip(new Entry("1.txt", random), new Entry("2.txt", random), new Entry("3.txt", random),
                new Entry("4.txt", TEXT));
        try (ImportArchive archive = ImportArchive.open(file, new ImportArchive.Limits(MB, 250_000, 100, MB))) {
            assertThat(outcomes(archive)).containsExactly("1.txt → document 100000", "2.txt → document 100000",
                    "3.txt → ZIP_BOMB", "4.txt → ZIP_BOMB");
        }
    }

    @Test
    @DisplayName("an entry over the upload limit is refused by counting its bytes, whatever size the archive declares")
    void oversize() throws IOException {
        byte[] random = new byte[300_000];
        new Random(11).nextBytes(random);
        Path file = zip(new Entry("big.txt", random), new Entry("small.txt", TEXT));
        // the declared size is changed to 10 bytes in both headers: the reader must not believe it
        byte[] bytes = Files.readAllBytes(file);
        patchDeclaredSize(bytes, 300_000, 10);
        Files.write(file, bytes);
        try (ImportArchive archive = ImportArchive.open(file, new ImportArchive.Limits(200_000, 100 * MB, 100, MB))) {
            assertThat(archive.listing().getFirst().entry().getSize()).isEqualTo(10);
            assertThat(outcomes(archive)).containsExactly("big.txt → FILE_TOO_LARGE", "small.txt → document " + TEXT.length);
        }
        Path honest = zip(new Entry("big.txt", random));
        try (ImportArchive archive = ImportArchive.open(honest, new ImportArchive.Limits(200_000, 100 * MB, 100, MB))) {
            assertThat(outcomes(archive)).containsExactly("big.txt → FILE_TOO_LARGE");
        }
    }

    @Test
    @DisplayName("an encrypted entry is refused with ENCRYPTED_ZIP; the others are read")
    void encrypted() throws IOException {
        Path file = zip(new Entry("secret.txt", TEXT), new Entry("open.txt", TEXT));
        byte[] bytes = Files.readAllBytes(file);
        setEncryptedFlag(bytes, "secret.txt");
        Files.write(file, bytes);
        try (ImportArchive archive = open(file)) {
            assertThat(outcomes(archive)).containsExactly("secret.txt → ENCRYPTED_ZIP", "open.txt → document " + TEXT.length);
        }
    }

    @Test
    @DisplayName("an empty zip has no items; a file that is not a zip is MALFORMED_ZIP")
    void emptyAndNotAZip() throws IOException {
        try (ImportArchive archive = open(zip())) {
            assertThat(archive.listing()).isEmpty();
        }
        Path text = dir.resolve("not-a.zip");
        Files.write(text, TEXT);
        assertThatThrownBy(() -> open(text)).isInstanceOfSatisfying(Rejected.class,
                r -> assertThat(r.code()).isEqualTo("MALFORMED_ZIP"));
        Path truncated = dir.resolve("truncated.zip");
        byte[] whole = Files.readAllBytes(zip(new Entry("a.txt", TEXT)));
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> open(truncated)).isInstanceOfSatisfying(Rejected.class,
                r -> assertThat(r.code()).isEqualTo("MALFORMED_ZIP"));
    }

    /** Sets bit 0 (encrypted) of the general purpose flags of the named entry's local and central headers. */
    private static void setEncryptedFlag(byte[] zip, String name) {
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 46 < zip.length; i++) {
            if (signature(zip, i, 0x04034b50) && nameAt(zip, i + 30, le16(zip, i + 26), wanted)) {
                zip[i + 6] |= 1;
            }
            if (signature(zip, i, 0x02014b50) && nameAt(zip, i + 46, le16(zip, i + 28), wanted)) {
                zip[i + 8] |= 1;
            }
        }
    }

    /** Replaces the uncompressed size {@code from} by {@code to} wherever a header or data descriptor declares it. */
    private static void patchDeclaredSize(byte[] zip, int from, int to) {
        for (int i = 0; i + 4 <= zip.length; i++) {
            if ((zip[i] & 0xff | (zip[i + 1] & 0xff) << 8 | (zip[i + 2] & 0xff) << 16 | (zip[i + 3] & 0xff) << 24) == from) {
                zip[i] = (byte) to;
                zip[i + 1] = (byte) (to >> 8);
                zip[i + 2] = (byte) (to >> 16);
                zip[i + 3] = (byte) (to >> 24);
            }
        }
    }

    private static boolean signature(byte[] b, int i, int sig) {
        return (b[i] & 0xff | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24) == sig;
    }

    private static int le16(byte[] b, int i) {
        return b[i] & 0xff | (b[i + 1] & 0xff) << 8;
    }

    private static boolean nameAt(byte[] b, int at, int length, byte[] wanted) {
        if (length != wanted.length || at + length > b.length) {
            return false;
        }
        for (int j = 0; j < length; j++) {
            if (b[at + j] != wanted[j]) {
                return false;
            }
        }
        return true;
    }
}
