package org.scriptorium.sharing;

import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the groups module (issue 16) tells the event stream: a message posted or hidden, a staff member mentioned.
 * Each is written to the event log in the caller's transaction (a message and its event are saved together or not at
 * all) and announced on the bus once that transaction commits, as {@link EventRecorder} does for other modules.
 */
@Service
public class GroupEvents {

    private final EventLog eventLog;
    private final EventRecorder recorder;
    private final Clock clock;

    GroupEvents(EventLog eventLog, EventRecorder recorder, Clock clock) {
        this.eventLog = eventLog;
        this.recorder = recorder;
        this.clock = clock;
    }

    /**
     * A message was posted: told, with {@code messageJson}, to the open streams of accounts allowed in the group.
     *
     * @param messageJson the message as the history shows it, as a JSON object
     * @return the event's id
     */
    public long posted(String groupId, String messageId, String messageJson) {
        long id = eventLog.appendGroup(SharingEvent.Type.GROUP_MESSAGE, null, groupId, messageId, null, messageJson,
                clock.instant());
        announceAfterCommit();
        return id;
    }

    /** Staff hid a message: open pages remove it, and the text its event carried is blanked for replays. */
    public void hidden(String groupId, String messageId) {
        eventLog.redactGroupMessage(messageId);
        eventLog.appendGroup(SharingEvent.Type.GROUP_MESSAGE_HIDDEN, null, groupId, messageId, null, null,
                clock.instant());
        announceAfterCommit();
    }

    /**
     * A message mentioned a staff member: a notice in their bell.
     *
     * @param where what the bell says, e.g. {@code 张三 在「会员交流群」中提到了您：…}
     */
    public void mentioned(String staffId, String groupId, String messageId, String where) {
        Instant now = clock.instant();
        eventLog.appendGroup(SharingEvent.Type.GROUP_MENTION, staffId, groupId, messageId, where, null, now);
        announceAfterCommit();
    }

    private void announceAfterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            recorder.announceSoon();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                recorder.announceSoon();
            }
        });
    }
}
