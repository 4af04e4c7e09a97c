package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.WebSession;
import org.scriptorium.support.Words;
import org.springframework.beans.factory.annotation.Autowired;

/** The notice rules page: the built-in list and its switches, the operator's rules, and the trial box. */
class NoticeRulePagesTest extends IntegrationTest {

    private static final String PAGE = "/admin/notice-rules";

    @Autowired
    NoticeRuleBook book;

    private WebSession admin() {
        return new WebSession(port).signIn(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
    }

    /** The part of a page from the element with this id on. */
    private static String from(String html, String id) {
        int at = html.indexOf("id=\"" + id + "\"");
        assertThat(at).as("the page has #" + id).isNotNegative();
        return html.substring(at);
    }

    @Test
    @DisplayName("the admin page links the rules page, which lists the built-in rules with their examples and says "
            + "that saved revisions keep their cleaning")
    void page() {
        WebSession admin = admin();
        assertThat(admin.get("/admin").body()).contains("href=\"/admin/notice-rules\"", "清理规则");
        HttpResponse<String> page = admin.get(PAGE);
        assertThat(page.statusCode()).isEqualTo(200);
        String builtIn = from(page.body(), "built-in-rules");
        assertThat(builtIn).contains("web-toolbar", "网页工具栏", "【字号：大 中 小】【打印】【关闭】", "page-number", "页码",
                "顶部/底部", "全文", "已开启");
        assertThat(page.body()).contains("已保存的版本保持当时清理的结果", "试一试", "name=\"_csrf\"");
    }

    @Test
    @DisplayName("an operator's rule is added, switched off and on, and deleted; a refused one shows why and keeps what "
            + "was typed")
    void ownRule() {
        WebSession admin = admin();
        String site = "酷乐文行" + Words.unique();
        HttpResponse<String> added = admin.postForm(PAGE, PAGE,
                Map.of("pattern", site, "scope", "ANYWHERE", "reason", "其他平台的名称"));
        assertThat(added.statusCode()).isEqualTo(302);
        String page = admin.get(PAGE).body();
        assertThat(page).contains("已添加规则");
        String id = book.current().getLast().id();
        assertThat(book.current().getLast().pattern()).isEqualTo(site);
        assertThat(from(page, "own-rules")).contains(id, site, "其他平台的名称", "全文", "已开启");

        assertThat(admin.postForm(PAGE, PAGE + "/" + id + "/enabled", Map.of("enabled", "false")).statusCode())
                .isEqualTo(302);
        assertThat(from(admin.get(PAGE).body(), "rule-" + id)).contains("已关闭", "开启");
        assertThat(book.current()).extracting(NoticeRule::id).doesNotContain(id);
        admin.postForm(PAGE, PAGE + "/" + id + "/enabled", Map.of("enabled", "true"));
        assertThat(book.current()).extracting(NoticeRule::id).contains(id);

        assertThat(admin.postForm(PAGE, PAGE + "/" + id + "/delete", Map.of()).statusCode()).isEqualTo(302);
        assertThat(admin.get(PAGE).body()).contains("已删除规则").doesNotContain(site);
        assertThat(book.current()).extracting(NoticeRule::id).doesNotContain(id);

        HttpResponse<String> broad = admin.postForm(PAGE, PAGE, Map.of("pattern", "同志们", "scope", "EDGE", "reason", ""));
        assertThat(broad.statusCode()).isEqualTo(200);
        assertThat(broad.body()).contains("这条规则会去除正文中的内容", "value=\"同志们\"");
        assertThat(book.current()).noneMatch(r -> r.pattern().equals("同志们"));

        HttpResponse<String> builtIn = admin.postForm(PAGE, PAGE + "/web-caption/delete", Map.of());
        assertThat(builtIn.statusCode()).isEqualTo(302);
        assertThat(admin.get(PAGE).body()).contains("内置规则不能修改或删除，只能关闭。");
        assertThat(book.current()).extracting(NoticeRule::id).contains("web-caption");
    }

    @Test
    @DisplayName("a built-in rule is switched off and on from the page")
    void switchBuiltIn() {
        WebSession admin = admin();
        try {
            admin.postForm(PAGE, PAGE + "/web-caption/enabled", Map.of("enabled", "false"));
            assertThat(from(admin.get(PAGE).body(), "rule-web-caption")).contains("已关闭");
            assertThat(book.current()).extracting(NoticeRule::id).doesNotContain("web-caption");
        } finally {
            admin.postForm(PAGE, PAGE + "/web-caption/enabled", Map.of("enabled", "true"));
        }
        assertThat(book.current()).extracting(NoticeRule::id).contains("web-caption");
    }

    @Test
    @DisplayName("试一试 shows which lines of a pasted text are stripped and why, and saves nothing")
    void trial() {
        WebSession admin = admin();
        String text = "会员群：123456789 免费QQ群：987654321\n在全县春季农业生产工作会议上的讲话\n同志们：\n今天我们召开会议，部署春季农业生产工作。";
        HttpResponse<String> tried = admin.postForm(PAGE, PAGE + "/try", Map.of("text", text));
        assertThat(tried.statusCode()).isEqualTo(200);
        String result = from(tried.body(), "trial-result");
        assertThat(result).contains("去除 <strong>1</strong> 行", "<td>会员群：123456789 免费QQ群：987654321</td>")
                .doesNotContain("<td>同志们：</td>");
        assertThat(tried.body()).as("the text stays in the box").contains("今天我们召开会议，部署春季农业生产工作。</textarea>");

        HttpResponse<String> tooLong = admin.postForm(PAGE, PAGE + "/try", Map.of("text", "字".repeat(50_001)));
        assertThat(tooLong.statusCode()).isEqualTo(200);
        assertThat(tooLong.body()).contains("试一试的文字不能超过 50000 个字符。");
    }

    @Test
    @DisplayName("a member is turned away from the rules page")
    void notForMembers() {
        String email = "rules-" + Words.unique().hashCode() + "@test.example";
        api().newMember(email);
        WebSession member = new WebSession(port).signIn(email, Api.MEMBER_PASSWORD);
        assertThat(member.get(PAGE).statusCode()).isEqualTo(403);
    }
}
