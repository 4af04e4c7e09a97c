package org.scriptorium.imports;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.InputStreamStatistics;
import org.scriptorium.common.Rejected;

/**
 * One stored zip archive of a batch import, read entry by entry from its file: the central directory lists the
 * entries, and each document's bytes are inflated only when it is its turn, never the whole archive at once. Plain
 * Java, no Spring.
 *
 * <p>Entries that are not documents (folders, {@code __MACOSX/}, {@code .DS_Store}, {@code Thumbs.db}, Word's
 * {@code ~$} lock files) are left out; every other entry becomes one item of the batch, in the order of the central
 * directory, refused on its own when it is unsafe, an archive, encrypted, too large or a zip bomb.
 */
final class ImportArchive implements Closeable {

    private static final long MB = 1024L * 1024;
    private static final long GB = 1024 * MB;
    private static final Set<String> ARCHIVES = Set.of("zip", "rar", "7z", "tar", "gz", "tgz", "bz2", "xz");
    private static final Set<String> JUNK = Set.of(".ds_store", "thumbs.db", "desktop.ini");
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");
    private static final Charset GB18030 = Charset.forName("GB18030");

    /**
     * What one archive may expand to.
     *
     * @param maxEntryBytes    the most one document may inflate to (the upload limit)
     * @param maxTotalBytes    the most all entries together may inflate to; beyond it the rest are refused
     * @param maxRatio         the most one entry may inflate per compressed byte, once it is past {@code ratioFrom}
     * @param ratioFrom        how many bytes an entry may inflate to before its ratio is judged (small files of
     *                         repeated lines compress very well and are harmless)
     */
    record Limits(long maxEntryBytes, long maxTotalBytes, long maxRatio, long ratioFrom) {

        /** For a stored archive of {@code archiveBytes}: 200× the archive in all (at least 64 MB, at most 1 GB), 100× per entry. */
        static Limits of(long maxEntryBytes, long archiveBytes) {
            long total = Math.min(GB, Math.max(64 * MB, 200 * archiveBytes));
            return new Limits(maxEntryBytes, total, 100, MB);
        }
    }

    /** Why an entry is not imported: a stable code and the message shown for it, in Chinese. */
    record Refusal(String code, String detail) {
    }

    /**
     * An entry that is an item of the batch.
     *
     * @param position its place among the items, from 0: the same on every reading of the same file
     * @param path     its name in the archive, folders included, as decoded
     * @param name     the file's own name, without folders (what the document's title may come from)
     * @param refusal  why it will not be read, or null when it may be
     */
    record Listed(int position, String path, String name, Refusal refusal, ZipArchiveEntry entry) {
    }

    /** What reading an entry gave: the document's bytes, or why not. */
    sealed interface Read {
    }

    record Document(byte[] content) implements Read {
    }

    record Refused(Refusal refusal) implements Read {
    }

    private final ZipFile zip;
    private final Limits limits;
    private final List<Listed> listing;
    private long inflated;
    private boolean overTotal;

    private ImportArchive(ZipFile zip, Limits limits) {
        this.zip = zip;
        this.limits = limits;
        this.listing = list(zip);
    }

    /**
     * Opens the archive stored at {@code file} and lists its entries.
     *
     * @throws Rejected 422 {@code MALFORMED_ZIP} when the file is not a zip archive or its directory is damaged
     * @throws IOException  when the file cannot be read at all
     */
    static ImportArchive open(Path file, Limits limits) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException("cannot read " + file);
        }
        ZipFile zip;
        try {
            // Names are decoded again below from their raw bytes; UTF-8 here only serves names flagged as UTF-8.
            zip = ZipFile.builder().setPath(file).setCharset(StandardCharsets.UTF_8).setUseUnicodeExtraFields(true).get();
        } catch (IOException | RuntimeException e) {
            throw malformed();
        }
        try {
            return new ImportArchive(zip, limits);
        } catch (RuntimeException e) {
            ZipFile.closeQuietly(zip);
            throw malformed();
        }
    }

    static Rejected malformed() {
        return Rejected.invalid("MALFORMED_ZIP", "不是有效的 zip 压缩包，或压缩包已损坏，请重新压缩后上传。",
                "The file is not a zip archive, or the archive is damaged.");
    }

    /** The items, in archive order. */
    List<Listed> listing() {
        return listing;
    }

    /**
     * Inflates one listed entry, counting the bytes as they come (the sizes the archive declares may lie).
     * Entries after one that took the archive over its total are refused without being read.
     */
    Read read(Listed item) {
        if (item.refusal() != null) {
            return new Refused(item.refusal());
        }
        if (overTotal) {
            return new Refused(new Refusal("ZIP_BOMB", "压缩包解压后的总量超过上限（疑似压缩炸弹），此文件未导入。"));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(item.entry().getSize(), 0), MB) + 16);
        byte[] buffer = new byte[64 * 1024];
        long read = 0;
        try (InputStream in = zip.getInputStream(item.entry())) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                read += n;
                inflated += n;
                if (inflated > limits.maxTotalBytes()) {
                    overTotal = true;
                    return new Refused(new Refusal("ZIP_BOMB", "压缩包解压后的总量超过 " + megabytes(limits.maxTotalBytes())
                            + " MB 上限（疑似压缩炸弹），此文件及其后的文件未导入。"));
                }
                if (read > limits.ratioFrom() && in instanceof InputStreamStatistics counted
                        && read > limits.maxRatio() * Math.max(1, counted.getCompressedCount())) {
                    return new Refused(new Refusal("ZIP_BOMB", "此文件解压后比压缩时大 " + limits.maxRatio()
                            + " 倍以上（疑似压缩炸弹），未导入。"));
                }
                if (read > limits.maxEntryBytes()) {
                    return new Refused(new Refusal("FILE_TOO_LARGE", "此文件解压后超过 " + megabytes(limits.maxEntryBytes())
                            + " MB 上限，未导入，请拆分后再上传。"));
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            return new Refused(new Refusal("MALFORMED_ZIP", "此文件在压缩包中已损坏，无法解压。"));
        }
        return new Document(out.toByteArray());
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    private List<Listed> list(ZipFile zip) {
        List<Listed> items = new ArrayList<>();
        for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
            String path = name(entry);
            String normal = path.replace('\\', '/');
            if (entry.isDirectory() || normal.endsWith("/")) {
                continue;
            }
            String[] segments = normal.split("/");
            String name = segments[segments.length - 1];
            Refusal unsafe = unsafe(normal, segments, entry);
            if (unsafe == null && skipped(segments, name)) {
                continue;
            }
            Refusal refusal = unsafe != null ? unsafe : refusal(entry, name);
            items.add(new Listed(items.size(), path, name, refusal, entry));
        }
        return List.copyOf(items);
    }

    private Refusal refusal(ZipArchiveEntry entry, String name) {
        if (ARCHIVES.contains(extension(name))) {
            return new Refusal("NESTED_ARCHIVE", "压缩包中的压缩包不会展开，请解压后单独上传。");
        }
        if (entry.getGeneralPurposeBit().usesEncryption()) {
            return new Refusal("ENCRYPTED_ZIP", "此文件在压缩包中加了密码，请去掉密码后重新压缩上传。");
        }
        if (!zip.canReadEntryData(entry)) {
            return new Refusal("UNSUPPORTED_COMPRESSION", "此文件的压缩方式无法读取，请用常见的 zip 工具重新压缩后上传。");
        }
        return null;
    }

    /**
     * An absolute name, a drive letter, a {@code ..} segment or a link: nothing here is ever written to disk, but such
     * a name is a sign of a crafted archive, so its entry is refused rather than imported under a harmless-looking name.
     */
    private static Refusal unsafe(String normal, String[] segments, ZipArchiveEntry entry) {
        boolean traversal = false;
        for (String segment : segments) {
            traversal |= segment.equals("..");
        }
        if (normal.startsWith("/") || DRIVE.matcher(normal).matches() || traversal || normal.indexOf('\0') >= 0
                || entry.isUnixSymlink()) {
            return new Refusal("UNSAFE_NAME", "文件名含有“..”、绝对路径或链接（可能企图写到别处），已拒绝，未导入。");
        }
        return null;
    }

    private static boolean skipped(String[] segments, String name) {
        for (String segment : segments) {
            if (segment.equals("__MACOSX")) {
                return true;
            }
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return name.isBlank() || JUNK.contains(lower) || name.startsWith("~$") || name.startsWith("._");
    }

    /**
     * The entry's name as its writer meant it: UTF-8 when flagged so (or given in Info-ZIP's Unicode field); otherwise
     * UTF-8 if the bytes are valid UTF-8, else GB18030 (a superset of the GBK that Chinese Windows writes unflagged).
     */
    static String name(ZipArchiveEntry entry) {
        if (entry.getGeneralPurposeBit().usesUTF8ForNames()
                || entry.getNameSource() == ZipArchiveEntry.NameSource.UNICODE_EXTRA_FIELD) {
            return entry.getName();
        }
        byte[] raw = entry.getRawName();
        if (raw == null) {
            return entry.getName();
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(raw, GB18030);
        }
    }

    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).strip().toLowerCase(Locale.ROOT);
    }

    private static String megabytes(long bytes) {
        return bytes % MB == 0 ? String.valueOf(bytes / MB) : String.format("%.1f", bytes / (double) MB);
    }
}
