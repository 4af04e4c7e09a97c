package org.scriptorium.sharing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.scriptorium.common.DbTime;
import org.scriptorium.common.HmacSha256;
import org.scriptorium.common.Ids;
import org.scriptorium.common.Rejected;
import org.scriptorium.library.Material;
import org.scriptorium.library.MaterialAccess;
import org.scriptorium.library.MaterialView;
import org.scriptorium.sharing.WebhookOutbox.Delivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator's webhooks: endpoints outside the library (a relay bot for a chat group, a mailing tool) that are
 * sent each publication as JSON, signed with HMAC-SHA256 under the endpoint's secret in the header
 * {@code X-Scriptorium-Signature: sha256=<hex>}. Only what an anonymous visitor may see leaves: title, kind, topics
 * and the public preview.
 *
 * <p>Deliveries wait in the {@code webhook_outbox} table ({@link WebhookOutbox}), so a pending retry survives a
 * restart and several nodes share the work. The node that relays a publication queues it for each endpoint and makes
 * the first attempts at once, on virtual threads of its own, so publishing never waits for an endpoint. A failed
 * attempt is tried again after {@code firstRetry}, then twice as long each time, by the same node, which holds the
 * row's lease through the wait; when every attempt failed the endpoint is marked failing (it is still sent later
 * events, and a success marks it active again). Every {@code poll}, each node also takes over due rows nobody holds:
 * those of a node that stopped, including this one before a restart. Every attempt is logged.
 */
@Service
public class Webhooks implements DisposableBean {

    public static final String SIGNATURE_HEADER = "X-Scriptorium-Signature";
    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);
    /** Rows taken over per poll, so that a long backlog is sent a page at a time rather than all at once. */
    private static final int PAGE = 100;
    /** What a lease lasts beyond the answer's timeout: the body's extra second, the log's write, a slow node. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    /** One endpoint. {@code status} is ACTIVE or FAILING. */
    public record Webhook(String id, String url, String secret, String description, String status, Instant createdAt) {
    }

    /** One attempt to deliver one event to one endpoint. */
    public record Attempt(String id, String webhookId, long eventId, int attempt, Integer httpStatus, String error,
                          boolean succeeded, long durationMs, Instant attemptedAt) {
    }

    private final JdbcClient jdbc;
    private final EventLog eventLog;
    private final WebhookOutbox outbox;
    private final TransactionTemplate transactions;
    private final MaterialAccess access;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Clock clock;
    private final SharingProperties properties;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    // Takes over rows and starts this node's retries when due; the senders do the sending.
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("webhook-outbox").factory());
    private final HttpClient http;

    Webhooks(JdbcClient jdbc, EventLog eventLog, WebhookOutbox outbox, PlatformTransactionManager transactionManager,
             MaterialAccess access, Clock clock, SharingProperties properties) {
        this.jdbc = jdbc;
        this.eventLog = eventLog;
        this.outbox = outbox;
        this.transactions = new TransactionTemplate(transactionManager);
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
     * Removes an endpoint: it is sent nothing more, and its pending deliveries and retries are dropped; its delivery
     * log stays.
     *
     * @throws Rejected 404 for an unknown or already removed endpoint
     */
    public void remove(String id) {
        int removed = jdbc.sql("UPDATE webhooks SET removed_at = ? WHERE id = ? AND removed_at IS NULL")
                .params(DbTime.of(clock.instant()), id).update();
        if (removed == 0) {
            throw notFound();
        }
        // An attempt already under way finds the endpoint removed, or its row gone, and stops there.
        outbox.dropFor(id);
    }

    /** The endpoints in use, oldest first. */
    public List<Webhook> list() {
        return jdbc.sql("SELECT * FROM webhooks WHERE removed_at IS NULL ORDER BY created_at, id")
                .query(Webhooks::webhook).list();
    }

    /** @throws Rejected 404 for an unknown or removed endpoint */
    public Webhook get(String id) {
        return find(id).orElseThrow(Webhooks::notFound);
    }

    private Optional<Webhook> find(String id) {
        return jdbc.sql("SELECT * FROM webhooks WHERE id = ? AND removed_at IS NULL").param(id)
                .query(Webhooks::webhook).optional();
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
        return "sha256=" + HexFormat.of().formatHex(HmacSha256.of(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    /** Starts taking over rows nobody holds: at once (rows left before a restart), then every {@code poll}. */
    @EventListener(ApplicationStartedEvent.class)
    void start() {
        long poll = properties.webhooks().poll().toMillis();
        worker.scheduleWithFixedDelay(this::takeOver, 0, poll, TimeUnit.MILLISECONDS);
    }

    /**
     * Queues a publication for the endpoints and makes the first attempts, in the background, unless another node
     * already took it. Called by the dispatcher of each node for each publication as it becomes visible.
     *
     * <p>Only endpoints added by the publication's {@link SharingEvent#visibleAt() visibleAt} get it: it is news to
     * those that were there when members could first be told of it, so an endpoint added since is not sent it even
     * when a dispatcher comes to it late. (Not {@code occurredAt}: a publication scheduled for later is still news to
     * an endpoint added while it waited.)
     */
    void relay(SharingEvent event, Material material) {
        List<Webhook> hooks = jdbc.sql("SELECT * FROM webhooks WHERE removed_at IS NULL AND created_at <= ?")
                .param(DbTime.of(event.visibleAt()))
                .query(Webhooks::webhook).list();
        if (hooks.isEmpty()) {
            return;
        }
        execute(() -> {
            try {
                List<Delivery> queued = transactions.execute(tx -> queue(event, material, hooks));
                queued.forEach(delivery -> execute(() -> send(delivery)));
            } catch (RuntimeException e) {
                log.warn("queueing event {} for webhooks failed", event.id(), e);
            }
        });
    }

    /**
     * Claims a publication and queues it for the endpoints; in one transaction, so that a node stopping half-way has
     * claimed nothing and another node's claim goes through. Returns the deliveries, leased to this node.
     */
    private List<Delivery> queue(SharingEvent event, Material material, List<Webhook> hooks) {
        if (!eventLog.claimForHooks(event.id())) {
            return List.of();
        }
        Optional<byte[]> body = body(event, material);
        if (body.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        return hooks.stream().map(hook -> outbox.add(hook.id(), event.id(), body.get(), now, now.plus(lease()))).toList();
    }

    /** On the worker: takes over due rows nobody holds (never leased, or their node stopped) and sends them. */
    private void takeOver() {
        try {
            Instant now = clock.instant();
            for (Delivery due : outbox.due(now, PAGE)) {
                String token = Ids.newId();
                if (outbox.lease(due, token, now, now.plus(lease()))) {
                    Delivery held = due.withLease(token);
                    execute(() -> send(held));
                }
            }
        } catch (RuntimeException e) {
            log.warn("looking for webhook deliveries to take over failed; looking again at the next poll", e);
        }
    }

    /** On the worker, when a retry this node holds comes due: sends it, unless its row was dropped meanwhile. */
    private void retry(Delivery delivery) {
        try {
            if (outbox.extend(delivery, clock.instant().plus(lease()))) {
                execute(() -> send(delivery));
            }
        } catch (RuntimeException e) {
            log.warn("retrying event {} for webhook {} failed; a node takes it over once its lease runs out",
                    delivery.eventId(), delivery.webhookId(), e);
        }
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

    /**
     * Makes a delivery's attempt while holding its row; then deletes the row (delivered, removed endpoint, or the last
     * attempt failed) or keeps holding it and schedules the next attempt on this node.
     */
    private void send(Delivery delivery) {
        try {
            SharingProperties.Webhooks settings = properties.webhooks();
            Optional<Webhook> hook = find(delivery.webhookId());
            if (hook.isEmpty()) {
                outbox.remove(delivery); // removed meanwhile
                return;
            }
            if (attemptOnce(hook.get(), delivery.eventId(), delivery.payload(), delivery.attempt())) {
                outbox.remove(delivery);
                jdbc.sql("UPDATE webhooks SET status = 'ACTIVE' WHERE id = ? AND status <> 'ACTIVE'")
                        .param(delivery.webhookId()).update();
            } else if (delivery.attempt() >= settings.maxAttempts()) {
                if (outbox.remove(delivery)) {
                    jdbc.sql("UPDATE webhooks SET status = 'FAILING' WHERE id = ?").param(delivery.webhookId()).update();
                    log.warn("webhook {} ({}) failed {} attempts for event {}; marked failing", delivery.webhookId(),
                            hook.get().url(), settings.maxAttempts(), delivery.eventId());
                }
            } else {
                Duration wait = settings.firstRetry().multipliedBy(1L << (delivery.attempt() - 1));
                Instant due = clock.instant().plus(wait);
                // Holding the lease through the wait keeps the retry on this node and on time; should the node stop,
                // the lease runs out and another takes the row over.
                if (outbox.postpone(delivery, due, due.plus(lease()))) {
                    worker.schedule(() -> retry(delivery.next()), wait.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (RejectedExecutionException shuttingDown) {
            // The row stays, held until its lease runs out; then a node takes it over.
        } catch (RuntimeException e) {
            log.warn("delivering event {} to webhook {} failed; a node takes it over once its lease runs out",
                    delivery.eventId(), delivery.webhookId(), e);
        }
    }

    /** Runs a task on a virtual thread of its own; not when shutting down, as what it would send is in the outbox. */
    private void execute(Runnable task) {
        try {
            senders.execute(task);
        } catch (RejectedExecutionException shuttingDown) {
            // A node takes the row over once its lease runs out.
        }
    }

    /** How long a node holds a row for one attempt: longer than the attempt can take. */
    private Duration lease() {
        return properties.webhooks().timeout().plus(LEASE_MARGIN);
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

    private static Webhook webhook(ResultSet rs, int n) throws SQLException {
        return new Webhook(rs.getString("id"), rs.getString("url"), rs.getString("secret"), rs.getString("description"),
                rs.getString("status"), DbTime.toInstant(rs.getObject("created_at", OffsetDateTime.class)));
    }

    private static Rejected notFound() {
        return Rejected.notFound("WEBHOOK_NOT_FOUND", "没有这个推送地址。", "No such webhook.");
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
        senders.shutdownNow();
    }
}
