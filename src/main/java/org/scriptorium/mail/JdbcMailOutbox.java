package org.scriptorium.mail;

import java.time.Clock;
import java.time.Instant;
import org.scriptorium.common.DbTime;
import org.scriptorium.common.Ids;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code mail_outbox} table: letters written, and whether and when they were sent. */
@Repository
class JdbcMailOutbox implements MailOutbox {

    private final JdbcClient jdbc;
    private final Clock clock;

    JdbcMailOutbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public String queue(Letter letter) {
        String id = Ids.newId();
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO mail_outbox (id, recipient, subject, body, kind, created_at, attempts, next_attempt_at)
                VALUES (?, ?, ?, ?, ?, ?, 0, ?)""")
                .params(id, letter.to(), letter.subject(), letter.text(), letter.kind(), DbTime.of(now), DbTime.of(now))
                .update();
        return id;
    }
}
