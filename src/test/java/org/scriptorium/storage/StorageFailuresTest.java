package org.scriptorium.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.UncategorizedSQLException;

class StorageFailuresTest {

    @Test
    @DisplayName("a full or read-only disk, anywhere in the chain of causes, is the storage's failure")
    void diskErrors() {
        assertThat(StorageFailures.isStorageFailure(new UncheckedIOException("could not store",
                new IOException("No space left on device")))).isTrue();
        assertThat(StorageFailures.isStorageFailure(new RuntimeException(
                new FileSystemException("/data/evidence/ab", null, "Read-only file system")))).isTrue();
    }

    @Test
    @DisplayName("the database closed, unreachable or out of space is the storage's failure")
    void databaseErrors() {
        assertThat(StorageFailures.isStorageFailure(new UncategorizedSQLException("insert", "INSERT",
                new SQLException("could not extend file", "53100")))).isTrue();
        assertThat(StorageFailures.isStorageFailure(new SQLException("Connection refused", "08001"))).isTrue();
        assertThat(StorageFailures.isStorageFailure(
                new org.h2.jdbc.JdbcSQLNonTransientConnectionException("The database has been closed", null, "90098", 90098, null, null)))
                .isTrue();
    }

    @Test
    @DisplayName("our own faults and bad input are not: they stay server errors or answers of their own")
    void otherErrors() {
        assertThat(StorageFailures.isStorageFailure(new IllegalStateException("bug"))).isFalse();
        assertThat(StorageFailures.isStorageFailure(new IOException("Broken pipe"))).isFalse();
        assertThat(StorageFailures.isStorageFailure(new DataIntegrityViolationException("duplicate",
                new SQLException("unique", "23505")))).isFalse();
        assertThat(StorageFailures.isStorageFailure(new SQLException("The database has been closed", "90098", 90098)))
                .as("the code alone, from a driver other than H2").isFalse();
    }

    @Test
    @DisplayName("the answer is 503 STORAGE_UNAVAILABLE in Chinese and English")
    void rejection() {
        assertThat(StorageFailures.rejection().status()).isEqualTo(503);
        assertThat(StorageFailures.rejection().code()).isEqualTo("STORAGE_UNAVAILABLE");
        assertThat(StorageFailures.rejection().chinese()).contains("没有保存");
        assertThat(StorageFailures.rejection().english()).contains("nothing was saved");
    }
}
