package org.scriptorium.shelf;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.scriptorium.common.DbTime;
import org.scriptorium.common.Rejected;
import org.scriptorium.delivery.DeliveryLedger;
import org.scriptorium.library.Material;
import org.scriptorium.library.MaterialAccess;
import org.scriptorium.library.MaterialOpened;
import org.scriptorium.library.Materials;
import org.scriptorium.membership.Access;
import org.scriptorium.membership.Reader;
import org.scriptorium.membership.Tier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * One reader's favourites, reading history and downloads. The lists name materials through the entitlement gate
 * ({@link MaterialLine#of}); a user id is always the caller's own, taken from the session by the controllers.
 */
@Service
public class Shelf {

    /** How many materials a reader's history keeps; the oldest go as new ones come. */
    static final int HISTORY_CAP = 200;
    /** How many favourites a reader may keep. */
    static final int FAVOURITES_CAP = 500;
    /** How many downloads the list shows. */
    static final int DOWNLOADS_SHOWN = 200;

    private static final Logger log = LoggerFactory.getLogger(Shelf.class);

    /**
     * A material as a list shows it. {@code available} false (the material was withdrawn, or the reader may no longer
     * see it at all) leaves every other field but the id empty: the gate would tell such a reader it does not exist.
     *
     * @param fullText whether the reader may read its full text now (else the outline and a preview)
     */
    public record MaterialLine(String materialId, boolean available, String title, String kind, Tier tier,
                               Instant publishedAt, boolean fullText) {

        static MaterialLine of(String materialId, Material material, MaterialAccess gate, Reader reader) {
            if (material == null) {
                return new MaterialLine(materialId, false, null, null, null, null, false);
            }
            Access access = gate.access(material, reader);
            if (access.level() == Access.Level.NONE) {
                return new MaterialLine(materialId, false, null, null, null, null, false);
            }
            return new MaterialLine(materialId, true, material.title(), material.kind(), material.tier(),
                    material.publishedAt(), access.full());
        }
    }

    /** A favourite, with when the reader marked it. */
    public record Favourite(MaterialLine material, Instant favouritedAt) {
    }

    /** A material the reader opened, with the last time they did. */
    public record Opened(MaterialLine material, Instant openedAt) {
    }

    /** A file the reader downloaded: format {@code txt}, {@code docx} or {@code pdf}, the revision, when. */
    public record Downloaded(MaterialLine material, String format, int revision, Instant downloadedAt) {
    }

    private record Row(String materialId, Instant at) {
    }

    private final JdbcClient jdbc;
    private final Materials materials;
    private final MaterialAccess gate;
    private final DeliveryLedger ledger;
    private final Clock clock;

    Shelf(JdbcClient jdbc, Materials materials, MaterialAccess gate, DeliveryLedger ledger, Clock clock) {
        this.jdbc = jdbc;
        this.materials = materials;
        this.gate = gate;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** The reader's favourites, newest first. */
    public List<Favourite> favourites(String userId, int limit) {
        List<Row> rows = rows("SELECT material_id, created_at AS at FROM favourites WHERE user_id = ? "
                + "ORDER BY created_at DESC, material_id LIMIT ?", userId, limit);
        Function<String, MaterialLine> lines = lines(userId, rows.stream().map(Row::materialId).toList());
        return rows.stream().map(r -> new Favourite(lines.apply(r.materialId()), r.at())).toList();
    }

    /** Whether the reader keeps the material among their favourites. */
    public boolean isFavourite(String userId, String materialId) {
        return jdbc.sql("SELECT COUNT(*) FROM favourites WHERE user_id = ? AND material_id = ?")
                .params(userId, materialId).query(Long.class).single() > 0;
    }

    /**
     * Keeps a material among the reader's favourites; a material already there keeps its first time.
     *
     * @return the favourite as the lists show it
     * @throws Rejected 404 {@code MATERIAL_NOT_FOUND} when the reader may not see the material (or it does not
     *                  exist); 422 {@code FAVOURITES_FULL} at {@value #FAVOURITES_CAP} favourites
     */
    public Favourite favourite(String userId, String materialId) {
        Reader reader = gate.reader(Optional.of(userId));
        Material material = materials.find(materialId).orElse(null);
        MaterialLine line = MaterialLine.of(materialId, material, gate, reader);
        if (!line.available()) {
            throw Rejected.notFound("MATERIAL_NOT_FOUND", "资料不存在。", "No such material.");
        }
        Optional<Instant> kept = jdbc.sql("SELECT created_at FROM favourites WHERE user_id = ? AND material_id = ?")
                .params(userId, materialId).query(OffsetDateTime.class).optional().map(DbTime::toInstant);
        if (kept.isPresent()) {
            return new Favourite(line, kept.get());
        }
        long count = jdbc.sql("SELECT COUNT(*) FROM favourites WHERE user_id = ?").param(userId).query(Long.class).single();
        if (count >= FAVOURITES_CAP) {
            throw Rejected.invalid("FAVOURITES_FULL", "收藏已满 " + FAVOURITES_CAP + " 篇，请先取消一些收藏。",
                    "You keep " + FAVOURITES_CAP + " favourites already; remove some first.");
        }
        Instant now = clock.instant();
        try {
            jdbc.sql("INSERT INTO favourites (user_id, material_id, created_at) VALUES (?, ?, ?)")
                    .params(userId, materialId, DbTime.of(now)).update();
        } catch (DuplicateKeyException e) {
            // the same reader's second click, a moment earlier: it is kept either way
        }
        return new Favourite(line, now);
    }

    /** Takes a material off the reader's favourites; nothing happens when it is not there. */
    public void unfavourite(String userId, String materialId) {
        jdbc.sql("DELETE FROM favourites WHERE user_id = ? AND material_id = ?").params(userId, materialId).update();
    }

    /** The materials the reader opened, the most recently opened first, at most {@value #HISTORY_CAP}. */
    public List<Opened> history(String userId, int limit) {
        List<Row> rows = rows("SELECT material_id, opened_at AS at FROM reading_history WHERE user_id = ? "
                + "ORDER BY opened_at DESC, material_id LIMIT ?", userId, Math.min(limit, HISTORY_CAP));
        Function<String, MaterialLine> lines = lines(userId, rows.stream().map(Row::materialId).toList());
        return rows.stream().map(r -> new Opened(lines.apply(r.materialId()), r.at())).toList();
    }

    /** Forgets every material the reader opened. */
    public void clearHistory(String userId) {
        jdbc.sql("DELETE FROM reading_history WHERE user_id = ?").param(userId).update();
    }

    /** The files the reader downloaded, newest first, as the delivery ledger recorded them. */
    public List<Downloaded> downloads(String userId, int limit) {
        List<DeliveryLedger.Download> rows = ledger.downloads(userId, Math.min(limit, DOWNLOADS_SHOWN));
        Function<String, MaterialLine> lines = lines(userId, rows.stream().map(DeliveryLedger.Download::materialId).toList());
        return rows.stream().map(d -> new Downloaded(lines.apply(d.materialId()), d.format(), d.revision(),
                d.downloadedAt())).toList();
    }

    /**
     * Notes that the reader opened a material: one row per material, with the last time. A failure is logged and
     * the page is shown all the same: a missing history line must not cost the reader the text.
     */
    @EventListener
    void opened(MaterialOpened event) {
        try {
            remember(event.userId(), event.materialId(), clock.instant(), HISTORY_CAP);
        } catch (DataAccessException e) {
            log.warn("Could not note that {} opened {} in the reading history", event.userId(), event.materialId(), e);
        }
    }

    /** Notes the opening and keeps the reader's newest {@code cap} entries (a parameter for the test's sake). */
    void remember(String userId, String materialId, Instant at, int cap) {
        String update = "UPDATE reading_history SET opened_at = ? WHERE user_id = ? AND material_id = ?";
        if (jdbc.sql(update).params(DbTime.of(at), userId, materialId).update() == 0) {
            try {
                jdbc.sql("INSERT INTO reading_history (user_id, material_id, opened_at) VALUES (?, ?, ?)")
                        .params(userId, materialId, DbTime.of(at)).update();
            } catch (DuplicateKeyException e) {
                // opened twice at once (two tabs): the other request inserted the row
                jdbc.sql(update).params(DbTime.of(at), userId, materialId).update();
            }
        }
        // Keep the newest `cap`: drop whatever is older than the one at the cap.
        jdbc.sql("""
                DELETE FROM reading_history WHERE user_id = :user AND opened_at < (
                  SELECT opened_at FROM reading_history WHERE user_id = :user
                  ORDER BY opened_at DESC LIMIT 1 OFFSET :cap)""")
                .param("user", userId).param("cap", cap - 1).update();
    }

    private List<Row> rows(String sql, String userId, int limit) {
        return jdbc.sql(sql).params(userId, Math.clamp(limit, 1, 1000))
                .query((rs, n) -> new Row(rs.getString("material_id"),
                        DbTime.toInstant(rs.getObject("at", OffsetDateTime.class))))
                .list();
    }

    /** How the reader may see each of these materials, read in one query and judged by the gate. */
    private Function<String, MaterialLine> lines(String userId, List<String> materialIds) {
        Set<String> ids = new LinkedHashSet<>(materialIds);
        Map<String, Material> found = ids.isEmpty() ? Map.of() : materials.findAll(ids).stream()
                .collect(Collectors.toMap(Material::id, Function.identity()));
        Reader reader = gate.reader(Optional.of(userId));
        Map<String, MaterialLine> lines = ids.stream().collect(Collectors.toMap(Function.identity(),
                id -> MaterialLine.of(id, found.get(id), gate, reader)));
        return lines::get;
    }
}
