package org.scriptorium.sharing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operator's settings for real-time sharing, under {@code scriptorium.sharing.*}.
 *
 * @param bus       how events cross app nodes: {@code auto} (PostgreSQL LISTEN/NOTIFY when the database is
 *                  PostgreSQL, else in-process), {@code in-process} or {@code postgresql}
 * @param publicUrl the library's address as members reach it (e.g. {@code https://wenku.example.cn}), for links in
 *                  the Atom feed and webhook bodies; empty gives links relative to the site
 * @param stream    the live event stream
 * @param webhooks  how webhook deliveries are made and retried
 */
@ConfigurationProperties("scriptorium.sharing")
public record SharingProperties(
        @DefaultValue("auto") String bus,
        @DefaultValue("") String publicUrl,
        @DefaultValue Stream stream,
        @DefaultValue Webhooks webhooks) {

    /**
     * @param retry      how long a browser waits before reconnecting (sent as {@code retry:})
     * @param heartbeat  how often an idle connection is sent a comment, which finds dead connections
     * @param timeout    how long one connection lasts before the client is asked to reconnect
     * @param queueLimit events waiting for one slow connection before it is closed (it reconnects and replays)
     * @param poll       how often each node also looks in the event log by itself (scheduled publications, a lost
     *                   cross-node message)
     * @param port       the stream port, where browsers hold their streams at a fraction of the servlet container's
     *                   cost per connection: 0 for any free port, -1 for none (pages then use the main port)
     * @param address    the address the stream port listens on; empty for the main port's ({@code server.address}),
     *                   which is all addresses unless set
     * @param url        where browsers reach the stream port when it is not {@code http://<site host>:<port>}, e.g.
     *                   {@code https://wenku.example.cn/live} behind a reverse proxy that routes that path to it
     * @param ticketLifetime how long a page's ticket for the stream port is good for; a page whose ticket expired
     *                   fetches a new one
     * @param maxConnections streams the stream port holds at most; mind the open-file limit (ulimit -n)
     */
    public record Stream(
            @DefaultValue("3s") Duration retry,
            @DefaultValue("20s") Duration heartbeat,
            @DefaultValue("30m") Duration timeout,
            @DefaultValue("64") int queueLimit,
            @DefaultValue("5s") Duration poll,
            @DefaultValue("0") int port,
            @DefaultValue("") String address,
            @DefaultValue("") String url,
            @DefaultValue("5m") Duration ticketLifetime,
            @DefaultValue("20000") int maxConnections) {
    }

    /**
     * @param maxAttempts    attempts per event before the endpoint is marked failing
     * @param firstRetry     the wait before the second attempt; each later wait doubles
     * @param connectTimeout how long to wait for the endpoint to accept the connection
     * @param timeout        how long to wait for its answer
     * @param poll           how often each node looks for pending deliveries that no node holds (left by a node
     *                       that stopped, or before a restart) and takes them over
     */
    public record Webhooks(
            @DefaultValue("5") int maxAttempts,
            @DefaultValue("10s") Duration firstRetry,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("10s") Duration timeout,
            @DefaultValue("5s") Duration poll) {
    }
}
