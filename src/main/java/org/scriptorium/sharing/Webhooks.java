package org.scriptorium.sharing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.scriptorium.common.DbTime;
import org.scriptorium.common.Ids;
import org.scriptorium.common.Rejected;
import org.scriptorium.library.Material;
import org.scriptorium.library.MaterialAccess;
import org.scriptorium.library.MaterialView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator's webhooks: endpoints outside the library (a relay bot for a chat group, a mailing tool) that are
 * sent each publication as JSON, signed with HMAC-SHA256 under the endpoint's secret in the header
 * {@code X-Scriptorium-Signature: sha256=<hex>}. Only what an anonymous visitor may see leaves: title, kind, topics
 * and the public preview.
 *
 * <p>Delivery runs on virtual threads of its own, so publishing never waits for an endpoint. A failed attempt is
 * tried again after {@code firstRetry}, then twice as long each time; when every attempt failed the endpoint is
 * marked failing (it is still sent later events, and a success marks it active again). Every attempt is logged.
 */
@Service
public class Webhooks implements DisposableBean {

    public static final String SIGNATURE_HEADER = "X-Scriptorium-Signature";
    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);

    /** One endpoint. {@code status} is ACTIVE or FAILING. */
    public record Webhook(String id, String url, String secret, String description, String status, Instant createdAt) {
    }

    /** One attempt to deliver one event to one endpoint. */
    public record Attempt(String id, String webhookId, long eventId, int attempt, Integer httpStatus, String error,
                          boolean succeeded, long durationMs, Instant attemptedAt) {
    }

    private final JdbcClient jdbc;
    private final EventLog eventLog;
    private final MaterialAccess access;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Clock clock;
    private final SharingProperties properties;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http;

    Webhooks(JdbcClient jdbc, EventLog eventLog, MaterialAccess access, Clock clock,
             SharingProperties properties) {
        this.jdbc = jdbc;
        this.eventLog = eventLog;
        this.access = access;
        this.clock = clock;
        this.properties = properties;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.webhooks().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(senders)
                .build();
    }

    /**
     * Adds an endpoint with a new random secret.
     *
     * @throws Rejected 422 {@code WEBHOOK_URL_INVALID} unless the address is an absolute http or https URL
     */
    public Webhook add(String url, String description, String createdBy) {
        String address = url == null ? "" : url.strip();
        URI uri;
        try {
            uri = URI.create(address);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || address.length() > 1000
                || !List.of("http", "https").contains(String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT))) {
            throw Rejected.invalid("WEBHOOK_URL_INVALID", "请填写以 http:// 或 https:// 开头的完整地址。",
                    "Give a full address starting with http:// or https://.");
        }
        String desc = description == null || description.isBlank() ? null
                : description.strip().substring(0, Math.min(200, description.strip().length()));
        Webhook hook = new Webhook(Ids.newId(), address, Ids.newId() + Ids.newId(), desc, "ACTIVE", clock.instant());
        jdbc.sql("""
                INSERT INTO webhooks (id, url, secret, description, status, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(hook.id(), hook.url(), hook.secret(), hook.description(), hook.status(), createdBy,
                        DbTime.of(hook.createdAt()))
                .update();
        return hook;
    }

    /**
     * Removes an endpoint: it is sent nothing more; its delivery log stays.
     *
     * @throws Rejected 404 for an unknown or already removed endpoint
     */
    public void remove(String id) {
        int removed = jdbc.sql("UPDATE webhooks SET removed_at = ? WHERE id = ? AND removed_at IS NULL")
                .params(DbTime.of(clock.instant()), id).update();
        if (removed == 0) {
            throw notFound();
        }
    }

    /** The endpoints in use, oldest first. */
    public List<Webhook> list() {
        return jdbc.sql("SELECT * FROM webhooks WHERE removed_at IS NULL ORDER BY created_at, id")
                .query((rs, n) -> new Webhook(rs.getString("id"), rs.getString("url"), rs.getString("secret"),
                        rs.getString("description"), rs.getString("status"),
                        DbTime.toInstant(rs.getObject("created_at", OffsetDateTime.class))))
                .list();
    }

    /** @throws Rejected 404 for an unknown or removed endpoint */
    public Webhook get(String id) {
        return list().stream().filter(h -> h.id().equals(id)).findFirst().orElseThrow(Webhooks::notFound);
    }

    /** The newest attempts, for one endpoint or (null) all, newest first. */
    public List<Attempt> deliveries(String webhookId, int limit) {
        return jdbc.sql("SELECT * FROM webhook_deliveries"
                        + (webhookId == null ? "" : " WHERE webhook_id = :hook")
                        + " ORDER BY attempted_at DESC, attempt DESC LIMIT :limit")
                .params(webhookId == null ? Map.of() : Map.of("hook", webhookId))
                .param("limit", Math.clamp(limit, 1, 1000))
                .query((rs, n) -> new Attempt(rs.getString("id"), rs.getString("webhook_id"), rs.getLong("event_id"),
                        rs.getInt("attempt"), rs.getObject("http_status", Integer.class), rs.getString("error"),
                        rs.getBoolean("succeeded"), rs.getLong("duration_ms"),
                        DbTime.toInstant(rs.getObject("attempted_at", OffsetDateTime.class))))
                .list();
    }

    /** The signature header's value for a body under a secret: {@code sha256=} and the lower-case hex HMAC. */
    public static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /**
     * Sends a publication to every endpoint, in the background, unless another node already took it. Called by the
     * dispatcher of each node for each publication as it becomes visible.
     */
    void relay(SharingEvent event, Material material) {
        List<Webhook> hooks = list();
        if (hooks.isEmpty() || !eventLog.claimForHooks(event.id())) {
            return;
        }
        senders.execute(() -> {
            Optional<byte[]> body = body(event, material);
            body.ifPresent(b -> hooks.forEach(hook -> senders.execute(() -> deliver(hook, event.id(), b))));
        });
    }

    /** What leaves the library: only what an anonymous visitor may see; nothing if they may not see it at all. */
    private Optional<byte[]> body(SharingEvent event, Material material) {
        MaterialView view;
        try {
            view = access.view(material.id(), Optional.empty());
        } catch (Rejected notPublished) {
            return Optional.empty();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", event.id());
        body.put("type", event.type().name());
        body.put("materialId", material.id());
        body.put("revision", event.revision());
        body.put("title", material.title());
        body.put("kind", material.kind());
        body.put("topics", material.topics());
        body.put("tier", material.tier().name());
        body.put("publishedAt", material.publishedAt().toString());
        body.put("changeNote", event.type() == SharingEvent.Type.MATERIAL_REVISED ? event.note() : null);
        body.put("url", properties.publicUrl().replaceAll("/+$", "") + "/materials/" + material.id());
        body.put("preview", view.preview());
        return Optional.of(json.writeValueAsBytes(body));
    }

    private void deliver(Webhook hook, long eventId, byte[] body) {
        SharingProperties.Webhooks settings = properties.webhooks();
        Duration wait = settings.firstRetry();
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            if (attempt > 1) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    return; // shutting down
                }
                wait = wait.multipliedBy(2);
            }
            if (isRemoved(hook.id())) {
                return;
            }
            if (attemptOnce(hook, eventId, body, attempt)) {
                jdbc.sql("UPDATE webhooks SET status = 'ACTIVE' WHERE id = ? AND status <> 'ACTIVE'").param(hook.id()).update();
                return;
            }
        }
        jdbc.sql("UPDATE webhooks SET status = 'FAILING' WHERE id = ?").param(hook.id()).update();
        log.warn("webhook {} ({}) failed {} attempts for event {}; marked failing", hook.id(), hook.url(),
                settings.maxAttempts(), eventId);
    }

    private boolean attemptOnce(Webhook hook, long eventId, byte[] body, int attempt) {
        long t0 = System.nanoTime();
        Integer status = null;
        String error = null;
        Duration timeout = properties.webhooks().timeout();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(hook.url()))
                    .timeout(timeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", "Scriptorium-Webhook/1")
                    .header("X-Scriptorium-Event", Long.toString(eventId))
                    .header(SIGNATURE_HEADER, signature(hook.secret(), body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            // The overall bound also covers an endpoint that answers the headers and then never ends the body.
            var pending = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
            try {
                status = pending.get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS).statusCode();
            } catch (TimeoutException e) {
                pending.cancel(true);
                error = "timed out after " + timeout.toSeconds() + " s";
            }
            if (status != null && (status < 200 || status > 299)) {
                error = "HTTP " + status;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            error = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        boolean ok = error == null;
        jdbc.sql("""
                INSERT INTO webhook_deliveries (id, webhook_id, event_id, attempt, http_status, error, succeeded,
                                                duration_ms, attempted_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(Ids.newId(), hook.id(), eventId, attempt, status,
                        error == null ? null : error.substring(0, Math.min(500, error.length())), ok,
                        (System.nanoTime() - t0) / 1_000_000, DbTime.of(clock.instant()))
                .update();
        return ok;
    }

    private boolean isRemoved(String id) {
        return jdbc.sql("SELECT COUNT(*) FROM webhooks WHERE id = ? AND removed_at IS NULL").param(id)
                .query(Long.class).single() == 0;
    }

    private static Rejected notFound() {
        return Rejected.notFound("WEBHOOK_NOT_FOUND", "没有这个推送地址。", "No such webhook.");
    }

    @Override
    public void destroy() {
        senders.shutdownNow();
    }
}
