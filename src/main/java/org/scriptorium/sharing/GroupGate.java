package org.scriptorium.sharing;

/**
 * The port through which the event stream asks whether an account may read a group (issue 16): implemented by the
 * groups module, which the stream does not know. Asked once per group event and listening account, from the
 * stream's sender threads, so an answer must come from memory, not from a query per call.
 */
public interface GroupGate {

    /** Whether the account may read the group now (a staff member always may). */
    boolean mayRead(String userId, String groupId);
}
