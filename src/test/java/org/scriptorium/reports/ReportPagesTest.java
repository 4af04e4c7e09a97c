package org.scriptorium.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.Marked;
import org.scriptorium.support.Speeches;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.WebSession;
import org.scriptorium.support.Words;

/** The report form, the reporter's page and the editors' queue and case pages, over real HTTP. */
class ReportPagesTest extends IntegrationTest {

    private WebSession member(String email) {
        api().newMember(email);
        return new WebSession(port).signIn(email, Api.MEMBER_PASSWORD);
    }

    private static String email() {
        return "p" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
    }

    @Test
    @DisplayName("a member files a report through the form; a refused one comes back with the Chinese reason and what was typed")
    void form() {
        WebSession reporter = member(email());
        String form = reporter.get("/reports/new").body();
        assertThat(form).contains("举报倒卖", "id=\"report-form\"", "24 小时内最多可提交 <span>5</span> 次举报", "「<span>一年会员</span>」");

        String word = Words.unique();
        HttpResponse<String> refused = reporter.postMultipart("/reports/new", "/reports/new",
                Map.of("where", " ", "text", "被拒也保留的文字" + word), null, null);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("请填写在哪里看到倒卖", "被拒也保留的文字" + word);

        HttpResponse<String> filed = reporter.postMultipart("/reports/new", "/reports/new",
                Map.of("where", "闲鱼店铺" + word, "statement", "二十元一套"), "倒卖.txt",
                ("群里转发的资料" + word).getBytes());
        assertThat(filed.statusCode()).isEqualTo(302);
        assertThat(filed.headers().firstValue("Location").orElse("")).endsWith("/me/reports");
        String mine = reporter.get("/me/reports").body();
        assertThat(mine).contains("举报已提交", "闲鱼店铺" + word, "待审核");
        assertThat(new WebSession(port).get("/reports/new").statusCode()).as("visitors sign in first").isEqualTo(302);
    }

    @Test
    @DisplayName("an editor finds the report in the queue, rejects it on its page, and the reporter is told with a notice")
    void reviewAndNotice() {
        String word = Words.unique();
        WebSession reporter = member(email());
        reporter.postMultipart("/reports/new", "/reports/new", Map.of("where", "网盘" + word, "text", "无关的文字" + word),
                null, null);

        WebSession editor = new WebSession(port).signIn(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
        assertThat(editor.get("/admin").body()).contains("举报与信号", "操作日志");
        String queue = editor.get("/admin/reports").body();
        Matcher link = Pattern.compile("href=\"(/admin/reports/[a-z0-9]+)\">网盘" + word).matcher(queue);
        assertThat(link.find()).as("the report is in the queue").isTrue();
        String casePath = link.group(1);
        String page = editor.get(casePath).body();
        assertThat(page).contains("追踪结果", "结论：证据不足", "无关的文字" + word, "id=\"uphold-form\"", "id=\"reject-form\"",
                "这是该用户的第一次举报");

        HttpResponse<String> rejected = editor.postForm(casePath, casePath + "/reject", Map.of("reason", "与本站资料无关"));
        assertThat(rejected.statusCode()).isEqualTo(302);
        String after = editor.get(casePath).body();
        assertThat(after).contains("已标记为不予采纳", "未采纳", "与本站资料无关").doesNotContain("id=\"uphold-form\"");
        assertThat(editor.get("/admin/reports?status=REJECTED").body()).contains("网盘" + word);

        assertThat(reporter.get("/").body()).contains("id=\"nav-notices\"");
        String mine = reporter.get("/me/reports").body();
        assertThat(mine).contains("举报未被采纳", "原因：与本站资料无关", "未采纳原因：");
        assertThat(reporter.get("/").body()).as("read once, the notice is no longer new").doesNotContain("id=\"nav-notices\"");
        assertThat(reporter.get("/admin/reports").statusCode()).isEqualTo(403);
    }

    @Test
    @DisplayName("a report cut from the reporter's own copy: the case page says so, and the editor may still choose to reward")
    void reporterImplicated() {
        Api admin = api().asAdmin();
        String materialId = admin.multipart("POST", "/api/v1/admin/materials",
                Map.of("text", Speeches.longSpeech(Words.unique())), null, null).json().get("materialId").asString();
        String plan = admin.post("/api/v1/admin/plans", Map.of("name", "三年会员", "durationDays", 1095, "backCatalogDays", 1095))
                .json().get("id").asString();
        String email = email();
        Api member = api().newMember(email);
        admin.post("/api/v1/admin/users/" + member.userId() + "/grant", Map.of("planId", plan));
        Api other = api().newMember();
        admin.post("/api/v1/admin/users/" + other.userId() + "/grant", Map.of("planId", plan));
        other.get("/api/v1/materials/" + materialId);
        String own = Marked.visible(member.get("/api/v1/materials/" + materialId).json().get("text").asString());

        String word = Words.unique();
        WebSession reporter = new WebSession(port).signIn(email, Api.MEMBER_PASSWORD);
        reporter.postMultipart("/reports/new", "/reports/new", Map.of("where", "群" + word, "text", own.substring(500, 2_000)),
                null, null);
        WebSession editor = new WebSession(port).signIn(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
        Matcher link = Pattern.compile("href=\"(/admin/reports/[a-z0-9]+)\">群" + word).matcher(editor.get("/admin/reports").body());
        assertThat(link.find()).isTrue();
        String casePath = link.group(1);
        String page = editor.get(casePath).body();
        assertThat(page).contains("id=\"reporter-check\"", "高于偶然", "id=\"reward-anyway\"");

        HttpResponse<String> upheld = editor.postForm(casePath, casePath + "/uphold",
                Map.of("userIds", other.userId(), "rewardAnyway", "true"));
        assertThat(upheld.statusCode()).isEqualTo(302);
        assertThat(editor.get(casePath).body()).contains("已奖励");
    }
}
