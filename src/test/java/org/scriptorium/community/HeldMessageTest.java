package org.scriptorium.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.account.Accounts;
import org.scriptorium.common.ScriptoriumProperties;
import org.scriptorium.reports.LeakGuard;
import org.scriptorium.sharing.GroupEvents;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/** What posting does with the leak guard's answer: a held message is saved for staff only and told to nobody. */
class HeldMessageTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final Group FREE = new Group("g1", "免费交流群", GroupKind.FREE, null, null, null, null, NOW);

    private final GroupRepository repository = mock(GroupRepository.class);
    private final GroupAccess access = mock(GroupAccess.class);
    private final LeakGuard leakGuard = mock(LeakGuard.class);
    private final GroupEvents events = mock(GroupEvents.class);
    private final GroupChat chat = new GroupChat(repository, access, mock(Accounts.class), leakGuard, events,
            mock(ApplicationEventPublisher.class), mock(PlatformTransactionManager.class), JsonMapper.builder().build(),
            Clock.fixed(NOW, ZoneOffset.UTC),
            new ScriptoriumProperties(null, "文库", ZoneId.of("Asia/Shanghai"), null, null, null, 0, 0, null, null), 10);

    HeldMessageTest() {
        when(access.group("g1")).thenReturn(Optional.of(FREE));
        when(access.verdictNow("u1", FREE)).thenReturn(GroupAccessRule.Verdict.OPEN);
        when(access.sanctionNow("g1", "u1")).thenReturn(Sanction.NONE);
        when(repository.latestBy("u1", 10)).thenReturn(List.of());
    }

    @Test
    @DisplayName("a message the leak guard holds is saved as HELD under its case, with no event and no mention")
    void held() {
        String pasted = "会员资料原文".repeat(50);
        when(leakGuard.inspect(eq("u1"), eq(pasted), anyString())).thenReturn(new LeakGuard.Verdict.Held("case-7"));
        GroupChat.Posted posted = chat.post("u1", "g1", pasted, null, false, null);
        assertThat(posted).isEqualTo(new GroupChat.Posted.Held("case-7"));
        verify(repository).insertMessage(anyString(), eq("g1"), eq("u1"), eq(pasted), isNull(), eq(List.of()), isNull(),
                eq(false), eq(StoredMessage.Status.HELD), eq("case-7"), eq(NOW));
        verify(events, never()).posted(anyString(), anyString(), anyString());
        verify(events, never()).mentioned(anyString(), anyString(), anyString(), anyString());
    }

    @Test
    @DisplayName("the leak guard is asked where the text was to be shown: the group's kind and name")
    void where() {
        when(leakGuard.inspect(anyString(), anyString(), anyString())).thenReturn(new LeakGuard.Verdict.Held("c"));
        chat.post("u1", "g1", "你好", null, false, null);
        verify(leakGuard).inspect(eq("u1"), eq("你好"), org.mockito.ArgumentMatchers.startsWith("免费群「免费交流群」"));
        verify(repository, never()).insertMessage(anyString(), anyString(), anyString(), anyString(), any(), anyList(),
                any(), anyBoolean(), eq(StoredMessage.Status.SHOWN), any(), any());
    }
}
