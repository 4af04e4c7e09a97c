package org.scriptorium.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.WebSession;
import org.scriptorium.support.Words;

/** Sharing's pages over real HTTP: the bell, follows, the requests board and the webhooks page. */
class SharingPagesTest extends IntegrationTest {

    private WebSession member() {
        String email = "p" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
        api().newMember(email);
        return new WebSession(port).signIn(email, Api.MEMBER_PASSWORD);
    }

    @Test
    @DisplayName("a member posts a request from the board, sees it with its count, and another member votes for it")
    void requestsBoard() {
        WebSession author = member();
        String title = "乡村振兴现场会主持词" + Words.unique();
        HttpResponse<String> posted = author.postForm("/requests", "/requests", Map.of("title", title, "detail", "十分钟左右"));
        assertThat(posted.statusCode()).isEqualTo(302);
        String location = posted.headers().firstValue("Location").orElseThrow();
        String path = location.substring(location.indexOf("/requests/"));
        assertThat(author.get(path).body()).contains(title).contains("需求已发布");
        WebSession voter = member();
        assertThat(voter.get("/requests").body()).contains(title);
        voter.postForm(path, path + "/vote", Map.of("undo", "false"));
        assertThat(voter.get(path).body()).contains("id=\"request-votes\">2<").contains("取消投票");
        assertThat(new WebSession(port).get("/requests").statusCode()).as("signed-out visitors go to sign in").isEqualTo(302);
    }

    @Test
    @DisplayName("every page has the bell; follows are saved from the settings page")
    void bellAndFollows() {
        WebSession session = member();
        assertThat(session.get("/materials").body()).contains("id=\"bell\"").contains("data-bell-src");
        assertThat(session.get("/me/notifications/bell").body()).startsWith("<details");
        String kind = "讲话稿" + Words.unique();
        // topics no material has (other tests share the library: 防汛 may be a topic of one of theirs)
        String first = "甲" + Words.unique();
        String second = "乙" + Words.unique();
        session.postForm("/me/follows", "/me/follows", Map.of("kind", kind, "otherTopics", first + "，" + second));
        String page = session.get("/me/follows").body();
        assertThat(page).contains("已保存").contains(second + "，" + first); // sorted: 乙 before 甲
        assertThat(new WebSession(port).get("/materials").body()).doesNotContain("id=\"bell\"");
    }

    @Test
    @DisplayName("administrators add and remove webhooks on their page; members may not see it")
    void webhooksPage() {
        WebSession admin = new WebSession(port).signIn(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
        String hook = "https://relay.example/" + UUID.randomUUID();
        admin.postForm("/admin/webhooks", "/admin/webhooks", Map.of("url", hook, "description", "群转发"));
        String page = admin.get("/admin/webhooks").body();
        assertThat(page).contains(hook).contains("签名密钥");
        assertThat(member().get("/admin/webhooks").statusCode()).isEqualTo(403);
        String id = api().asAdmin().get("/api/v1/admin/webhooks").json().findValues("id").stream()
                .map(n -> n.asString()).filter(i -> page.contains("/admin/webhooks/" + i + "/remove")).findFirst().orElseThrow();
        admin.postForm("/admin/webhooks", "/admin/webhooks/" + id + "/remove", Map.of());
        assertThat(admin.get("/admin/webhooks").body()).doesNotContain(hook);
    }

    @Test
    @DisplayName("the Atom feed is public and links itself from every page")
    void feedLink() {
        assertThat(new WebSession(port).get("/").body()).contains("application/atom+xml");
        assertThat(new WebSession(port).get("/feed.atom").body()).startsWith("<?xml").contains("<feed");
    }
}
