package org.scriptorium.imports;

/**
 * What became of one file of a batch.
 *
 * @param position   its place in the archive's order, from 0
 * @param file       its name in the archive, folders included
 * @param materialId the material imported, or for a duplicate the one already in the library; null when failed
 * @param code       why it failed: a {@code Rejected} code of the import, or one of the archive's own codes
 *                   ({@code UNSAFE_NAME}, {@code NESTED_ARCHIVE}, {@code FILE_TOO_LARGE}, {@code ZIP_BOMB},
 *                   {@code ENCRYPTED_ZIP}, {@code MALFORMED_ZIP}, {@code UNSUPPORTED_COMPRESSION}, {@code IMPORT_FAILED});
 *                   null otherwise
 * @param detail     the reason in Chinese, for a failed file
 */
public record ImportItem(int position, String file, Status status, String materialId, String code, String detail) {

    /** Imported as a new material, already in the library (nothing saved), or not imported. */
    public enum Status {
        IMPORTED, DUPLICATE, FAILED
    }

    static ImportItem failed(int position, String file, String code, String detail) {
        return new ImportItem(position, file, Status.FAILED, null, code, detail);
    }
}
