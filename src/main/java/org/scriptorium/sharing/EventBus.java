package org.scriptorium.sharing;

/**
 * How app nodes tell each other that the event log has new rows: the port, with an in-process adapter (one node,
 * the default) and a PostgreSQL LISTEN/NOTIFY one (several nodes on one PostgreSQL database). Only the news that
 * something was appended travels; each node reads the rows itself, so a lost message costs at most one poll
 * interval, never an event.
 */
interface EventBus {

    /** Tells every node, this one included, that rows were appended. Called outside any transaction. */
    void announce();

    /** Runs {@code listener} on each announcement, from any node. */
    void subscribe(Runnable listener);
}
