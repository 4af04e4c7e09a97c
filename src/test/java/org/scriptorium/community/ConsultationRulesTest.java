package org.scriptorium.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.scriptorium.common.Rejected;

/** The rules of consultation, without Spring: who reads a conversation, which box it is in, the visitor's token. */
class ConsultationRulesTest {

    private static final ConsultationToken TOKENS = new ConsultationToken(key('k'));

    private static byte[] key(char fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    @Nested
    @DisplayName("who may read a conversation")
    class Readers {

        @Test
        @DisplayName("the account that opened it, and staff; not another account, nor a visitor without the link")
        void signedInAsker() {
            assertThat(ConsultationAccess.mayRead(new ConsultationAccess.Caller("u1", false, null), "c1", "u1", TOKENS)).isTrue();
            assertThat(ConsultationAccess.mayRead(new ConsultationAccess.Caller("staff", true, null), "c1", "u1", TOKENS)).isTrue();
            assertThat(ConsultationAccess.mayRead(new ConsultationAccess.Caller("u2", false, null), "c1", "u1", TOKENS)).isFalse();
            assertThat(ConsultationAccess.mayRead(ConsultationAccess.Caller.visitor(null), "c1", "u1", TOKENS)).isFalse();
        }

        @Test
        @DisplayName("a token never opens an account's conversation, even the right one for its id")
        void tokenDoesNotOpenAccountConversation() {
            assertThat(ConsultationAccess.mayRead(ConsultationAccess.Caller.visitor(TOKENS.of("c1")), "c1", "u1", TOKENS)).isFalse();
            assertThat(ConsultationAccess.mayRead(new ConsultationAccess.Caller("u2", false, TOKENS.of("c1")), "c1", "u1", TOKENS)).isFalse();
        }

        @Test
        @DisplayName("a visitor's conversation: whoever holds its link, signed in or not; not the link of another one")
        void visitorConversation() {
            assertThat(ConsultationAccess.mayRead(ConsultationAccess.Caller.visitor(TOKENS.of("c1")), "c1", null, TOKENS)).isTrue();
            assertThat(ConsultationAccess.mayRead(new ConsultationAccess.Caller("u9", false, TOKENS.of("c1")), "c1", null, TOKENS)).isTrue();
            assertThat(ConsultationAccess.mayRead(ConsultationAccess.Caller.visitor(TOKENS.of("c2")), "c1", null, TOKENS)).isFalse();
            assertThat(ConsultationAccess.mayRead(ConsultationAccess.Caller.visitor(null), "c1", null, TOKENS)).isFalse();
            assertThat(ConsultationAccess.mayRead(new ConsultationAccess.Caller("u9", false, null), "c1", null, TOKENS)).isFalse();
        }

        @Test
        @DisplayName("staff read every conversation but write in it as its asker only if it is theirs")
        void staffAnswerRatherThanReply() {
            ConsultationAccess.Caller staff = new ConsultationAccess.Caller("staff", true, null);
            assertThat(ConsultationAccess.mayRead(staff, "c1", null, TOKENS)).isTrue();
            assertThat(ConsultationAccess.isAsker(staff, "c1", null, TOKENS)).isFalse();
            assertThat(ConsultationAccess.isAsker(staff, "c1", "u1", TOKENS)).isFalse();
            assertThat(ConsultationAccess.isAsker(staff, "c1", "staff", TOKENS)).isTrue();
        }
    }

    @Nested
    @DisplayName("the box a conversation is in")
    class Boxes {

        @Test
        @DisplayName("open and unassigned: 未分配 for every staff member")
        void unassigned() {
            assertThat(ConsultationBox.of(Consultation.Status.OPEN, null, "s1")).contains(ConsultationBox.UNASSIGNED);
            assertThat(ConsultationBox.of(Consultation.Status.OPEN, null, "s2")).contains(ConsultationBox.UNASSIGNED);
        }

        @Test
        @DisplayName("open and assigned: 我的 for the assignee, in no box of the others")
        void assigned() {
            assertThat(ConsultationBox.of(Consultation.Status.OPEN, "s1", "s1")).contains(ConsultationBox.MINE);
            assertThat(ConsultationBox.of(Consultation.Status.OPEN, "s1", "s2")).isEmpty();
        }

        @Test
        @DisplayName("closed: 已关闭 for everyone, assigned or not")
        void closed() {
            assertThat(ConsultationBox.of(Consultation.Status.CLOSED, "s1", "s2")).contains(ConsultationBox.CLOSED);
            assertThat(ConsultationBox.of(Consultation.Status.CLOSED, null, "s2")).contains(ConsultationBox.CLOSED);
        }

        @Test
        @DisplayName("a box is named in any case; none means 未分配; an unknown name is refused, naming the field")
        void parse() {
            assertThat(ConsultationBox.parse(null)).isEqualTo(ConsultationBox.UNASSIGNED);
            assertThat(ConsultationBox.parse(" Mine ")).isEqualTo(ConsultationBox.MINE);
            assertThat(ConsultationBox.parse("closed")).isEqualTo(ConsultationBox.CLOSED);
            assertThatThrownBy(() -> ConsultationBox.parse("all")).isInstanceOfSatisfying(Rejected.class, e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.code()).isEqualTo("INVALID_BOX");
                assertThat(e.field()).isEqualTo("box");
            });
        }
    }

    @Nested
    @DisplayName("the visitor's token")
    class Tokens {

        @Test
        @DisplayName("the same for the same conversation, different for another, URL-safe and 24 characters long")
        void stable() {
            assertThat(TOKENS.of("c1")).isEqualTo(new ConsultationToken(key('k')).of("c1")).hasSize(24)
                    .matches("[A-Za-z0-9_-]{24}");
            assertThat(TOKENS.of("c1")).isNotEqualTo(TOKENS.of("c2"));
        }

        @Test
        @DisplayName("another key makes other tokens: knowing the id is not enough")
        void keyed() {
            assertThat(new ConsultationToken(key('x')).of("c1")).isNotEqualTo(TOKENS.of("c1"));
            assertThat(TOKENS.matches("c1", new ConsultationToken(key('x')).of("c1"))).isFalse();
        }

        @Test
        @DisplayName("matches only its own token: not a changed character, a prefix, null or something huge")
        void matches() {
            String token = TOKENS.of("c1");
            assertThat(TOKENS.matches("c1", token)).isTrue();
            char last = token.charAt(token.length() - 1);
            assertThat(TOKENS.matches("c1", token.substring(0, 23) + (last == 'A' ? 'B' : 'A'))).isFalse();
            assertThat(TOKENS.matches("c1", token.substring(0, 12))).isFalse();
            assertThat(TOKENS.matches("c1", null)).isFalse();
            assertThat(TOKENS.matches("c1", "x".repeat(10_000))).isFalse();
        }

        @Test
        @DisplayName("a key shorter than 32 bytes is refused")
        void shortKey() {
            assertThatThrownBy(() -> new ConsultationToken("short".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    @DisplayName("what may be sent")
    class Input {

        @Test
        @DisplayName("a text is required, kept without surrounding blanks, and refused beyond 4,000 characters")
        void text() {
            assertThat(ConsultationInput.text("  激活码兑换不了  ")).isEqualTo("激活码兑换不了");
            assertThatThrownBy(() -> ConsultationInput.text(" \n ")).hasFieldOrPropertyWithValue("code", "TEXT_REQUIRED");
            assertThat(ConsultationInput.text("字".repeat(4000))).hasSize(4000);
            assertThatThrownBy(() -> ConsultationInput.text("字".repeat(4001)))
                    .hasFieldOrPropertyWithValue("code", "TEXT_TOO_LONG");
        }

        @Test
        @DisplayName("a subject is optional and at most 100 characters")
        void subject() {
            assertThat(ConsultationInput.subject("   ")).isNull();
            assertThat(ConsultationInput.subject(" 购买 ")).isEqualTo("购买");
            assertThatThrownBy(() -> ConsultationInput.subject("字".repeat(101)))
                    .hasFieldOrPropertyWithValue("code", "SUBJECT_TOO_LONG");
        }

        @Test
        @DisplayName("a visitor's address is required and must look like one; it is kept in lower case")
        void email() {
            assertThat(ConsultationInput.email(" Wang@Example.CN ")).isEqualTo("wang@example.cn");
            assertThatThrownBy(() -> ConsultationInput.email(null)).hasFieldOrPropertyWithValue("code", "EMAIL_REQUIRED");
            assertThatThrownBy(() -> ConsultationInput.email("wang@localhost")).hasFieldOrPropertyWithValue("code", "INVALID_EMAIL");
            assertThatThrownBy(() -> ConsultationInput.email("a b@example.cn")).hasFieldOrPropertyWithValue("code", "INVALID_EMAIL");
        }

        @Test
        @DisplayName("the honeypot field refuses the form when anything is in it")
        void honeypot() {
            ConsultationInput.honeypot(null);
            ConsultationInput.honeypot("");
            assertThatThrownBy(() -> ConsultationInput.honeypot("http://spam.example"))
                    .hasFieldOrPropertyWithValue("code", "SPAM_SUSPECTED");
        }

        @Test
        @DisplayName("a material is named by its id or by a link to its page, with or without query and anchor")
        void material() {
            assertThat(ConsultationInput.materialId(null)).isNull();
            assertThat(ConsultationInput.materialId(" abcd2345efgh6789jkmn ")).isEqualTo("abcd2345efgh6789jkmn");
            assertThat(ConsultationInput.materialId("https://wenku.example.cn/materials/abcd2345efgh6789jkmn?q=x#p3"))
                    .isEqualTo("abcd2345efgh6789jkmn");
            assertThat(ConsultationInput.materialId("/materials/abcd2345efgh6789jkmn/download")).isEqualTo("abcd2345efgh6789jkmn");
            assertThatThrownBy(() -> ConsultationInput.materialId("https://evil.example/abcd2345"))
                    .hasFieldOrPropertyWithValue("code", "INVALID_MATERIAL");
            assertThatThrownBy(() -> ConsultationInput.materialId("《在全县乡村振兴工作会议上的讲话》"))
                    .hasFieldOrPropertyWithValue("code", "INVALID_MATERIAL");
        }
    }
}
