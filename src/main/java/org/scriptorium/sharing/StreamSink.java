package org.scriptorium.sharing;

import java.io.IOException;
import java.time.Duration;

/**
 * Where one open event stream's frames go: a servlet response on the main port ({@link LiveStreams#open}) or a
 * socket of the stream port ({@link StreamServer}). {@link LiveStreams} calls a sink from one sender at a time.
 */
interface StreamSink {

    /** Writes one event ({@code id:} and {@code data:}). A failure means the client is gone. */
    void event(long id, String json) throws IOException;

    /** Writes a comment carrying the reconnection delay: keeps proxies from closing an idle stream, finds dead ones. */
    void heartbeat(Duration retry) throws IOException;

    /** Ends the stream. Called at most once, never from a thread that must not wait. */
    void close();
}
