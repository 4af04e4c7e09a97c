package org.scriptorium.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.scriptorium.common.DbTime;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Blobs in the database's {@code blobs} table (PostgreSQL {@code bytea}, H2 binary), so every node reads what any
 * node stored, and a database backup holds them. Writes are streamed to the database from a parameter of known length
 * (streamed content is spooled to a temporary file first); a read takes the value into memory once, as the drivers
 * hand it. Suits blobs of up to some tens of MB (evidence, import archives); for many large ones choose {@code s3}.
 *
 * <p>Each call takes a connection of its own outside any transaction of the caller, in auto-commit: when
 * {@code put} returns, its row is committed, before the caller's row naming the key.
 */
final class DatabaseBlobStorage implements BlobStorage {

    private final DataSource dataSource;
    private final Clock clock;

    DatabaseBlobStorage(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public RestorableBlobStore namespace(String name) {
        return new Rows(BlobKeys.namespace(name));
    }

    @Override
    public String kind() {
        return "database";
    }

    private interface Statement<T> {
        T run(Connection connection) throws SQLException, IOException;
    }

    private <T> T withConnection(String what, Statement<T> statement) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            return statement.run(connection);
        } catch (SQLException | IOException e) {
            throw new DataAccessResourceFailureException("blob store: could not " + what, e);
        }
    }

    /** One namespace's rows. */
    private final class Rows implements RestorableBlobStore {

        private static final String INSERT =
                "INSERT INTO blobs (namespace, blob_key, size_bytes, created_at, content) VALUES (?, ?, ?, ?, ?)";

        private final String namespace;

        Rows(String namespace) {
            this.namespace = namespace;
        }

        @Override
        public String put(byte[] content) {
            String key = BlobKeys.newKey();
            return withConnection("store a blob", c -> {
                try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                    bindHead(insert, key, content.length);
                    insert.setBytes(5, content);
                    insert.executeUpdate();
                }
                return key;
            });
        }

        @Override
        public String put(Content content) {
            String key = BlobKeys.newKey();
            insert(key, content);
            return key;
        }

        @Override
        public void putAs(String key, Content content) {
            BlobKeys.require(key);
            deleteRow(key);
            insert(key, content);
        }

        private void insert(String key, Content content) {
            try (Spool spool = Spool.of(content)) {
                withConnection("store a blob", c -> {
                    try (PreparedStatement insert = c.prepareStatement(INSERT);
                         InputStream in = Files.newInputStream(spool.file())) {
                        long size = spool.size();
                        bindHead(insert, key, size);
                        insert.setBinaryStream(5, in, size);
                        insert.executeUpdate();
                    }
                    return key;
                });
            }
        }

        private void bindHead(PreparedStatement insert, String key, long size) throws SQLException {
            insert.setString(1, namespace);
            insert.setString(2, key);
            insert.setLong(3, size);
            insert.setObject(4, DbTime.of(clock.instant()));
        }

        @Override
        public Optional<byte[]> get(String key) {
            if (!BlobKeys.valid(key)) {
                return Optional.empty();
            }
            return withConnection("read a blob", c -> {
                try (PreparedStatement select = c.prepareStatement(
                        "SELECT content FROM blobs WHERE namespace = ? AND blob_key = ?")) {
                    select.setString(1, namespace);
                    select.setString(2, key);
                    try (ResultSet row = select.executeQuery()) {
                        return row.next() ? Optional.of(row.getBytes(1)) : Optional.<byte[]>empty();
                    }
                }
            });
        }

        @Override
        public Optional<InputStream> open(String key) {
            // The drivers read a bytea/binary value whole with its row: a stream over those bytes costs no second copy.
            return get(key).map(ByteArrayInputStream::new);
        }

        @Override
        public void delete(String key) {
            if (BlobKeys.valid(key)) {
                deleteRow(key);
            }
        }

        /** @return whether the row was there (another node's sweep may have taken it meanwhile) */
        private boolean deleteRow(String key) {
            return withConnection("delete a blob", c -> {
                try (PreparedStatement delete = c.prepareStatement(
                        "DELETE FROM blobs WHERE namespace = ? AND blob_key = ?")) {
                    delete.setString(1, namespace);
                    delete.setString(2, key);
                    return delete.executeUpdate() > 0;
                }
            });
        }

        @Override
        public int sweep(Predicate<String> kept, Instant writtenBefore) {
            List<String> candidates = withConnection("list blobs", c -> {
                try (PreparedStatement select = c.prepareStatement(
                        "SELECT blob_key FROM blobs WHERE namespace = ? AND created_at < ?")) {
                    select.setString(1, namespace);
                    select.setObject(2, DbTime.of(writtenBefore));
                    List<String> keys = new ArrayList<>();
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            keys.add(rows.getString(1));
                        }
                    }
                    return keys;
                }
            });
            int removed = 0;
            for (String key : candidates) {
                if (!kept.test(key) && deleteRow(key)) {
                    removed++;
                }
            }
            return removed;
        }
    }
}
