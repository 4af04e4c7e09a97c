package org.scriptorium.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.WebSession;
import org.scriptorium.support.Words;
import org.springframework.beans.factory.annotation.Autowired;

/** The synonyms page: the built-in groups, the operator's own (add, edit, switch, delete), and the trial. */
class SynonymPagesTest extends IntegrationTest {

    private static final String PAGE = "/admin/synonyms";

    @Autowired
    SynonymStore store;

    private WebSession admin() {
        return new WebSession(port).signIn(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
    }

    /** The part of a page from the element with this id on. */
    private static String from(String html, String id) {
        int at = html.indexOf("id=\"" + id + "\"");
        assertThat(at).as("the page has #" + id).isNotNegative();
        return html.substring(at);
    }

    private String ownId(String term) {
        return store.groups().stream().filter(g -> g.terms().contains(term)).findFirst().orElseThrow().id();
    }

    @Test
    @DisplayName("the admin page links the synonyms page, which lists the built-in groups read-only")
    void page() {
        WebSession admin = admin();
        assertThat(admin.get("/admin").body()).contains("href=\"/admin/synonyms\"", "同义词");
        HttpResponse<String> page = admin.get(PAGE);
        assertThat(page.statusCode()).isEqualTo(200);
        String builtIn = from(page.body(), "built-in-groups");
        assertThat(builtIn).contains("builtin-2", "人大 / 人民代表大会", "双随机一公开 / 双随机、一公开")
                .doesNotContain("/admin/synonyms/builtin-2");
        assertThat(page.body()).contains("不需要重建索引", "试一试", "name=\"_csrf\"");
    }

    @Test
    @DisplayName("a group is added, edited, switched off and on, and deleted; searches' synonyms follow each step")
    void ownGroup() {
        WebSession admin = admin();
        String a = Words.unique();
        String b = Words.unique();
        String c = Words.unique();
        HttpResponse<String> added = admin.postForm(PAGE, PAGE, Map.of("terms", a + " / " + b + "，", "note", "试验"));
        assertThat(added.statusCode()).isEqualTo(302);
        String page = admin.get(PAGE).body();
        assertThat(page).contains("已添加同义词 " + a + " / " + b);
        String id = ownId(a);
        assertThat(from(page, "own-groups")).contains(a + " / " + b, "试验", "已开启");
        assertThat(store.current().alternatives(a)).containsExactly(a, b);

        assertThat(admin.postForm(PAGE, PAGE + "/" + id, Map.of("terms", a + "," + c, "note", "")).statusCode())
                .isEqualTo(302);
        assertThat(store.current().alternatives(a)).containsExactly(a, c);
        assertThat(store.group(id).note()).isNull();

        assertThat(admin.postForm(PAGE, PAGE + "/" + id + "/enabled", Map.of("enabled", "false")).statusCode())
                .isEqualTo(302);
        assertThat(from(admin.get(PAGE).body(), "group-" + id)).contains("已关闭", "开启");
        assertThat(store.current().contains(a)).isFalse();
        admin.postForm(PAGE, PAGE + "/" + id + "/enabled", Map.of("enabled", "true"));
        assertThat(store.current().contains(a)).isTrue();

        assertThat(admin.postForm(PAGE, PAGE + "/" + id + "/delete", Map.of()).statusCode()).isEqualTo(302);
        assertThat(admin.get(PAGE).body()).contains("已删除同义词").doesNotContain("group-" + id);
        assertThat(store.current().contains(a)).isFalse();
    }

    @Test
    @DisplayName("a refused group shows why, in Chinese, beside its form, keeping what was typed; nothing is saved")
    void refused() {
        WebSession admin = admin();
        String a = Words.unique();
        HttpResponse<String> shortTerm = admin.postForm(PAGE, PAGE, Map.of("terms", a + " / 党", "note", "我的备注"));
        assertThat(shortTerm.statusCode()).isEqualTo(200);
        assertThat(from(shortTerm.body(), "add-form")).contains("「党」太短", "value=\"" + a + " / 党\"",
                "value=\"我的备注\"");
        assertThat(store.current().contains(a)).isFalse();
        assertThat(store.groups()).noneMatch(g -> g.terms().contains(a));

        admin.postForm(PAGE, PAGE, Map.of("terms", a + "/人民代表", "note", ""));
        String id = ownId(a);
        HttpResponse<String> edit = admin.postForm(PAGE, PAGE + "/" + id, Map.of("terms", a + "/" + a, "note", "x"));
        assertThat(edit.statusCode()).isEqualTo(200);
        String form = from(edit.body(), "edit-" + id);
        assertThat(form).contains("「" + a + "」重复了", "value=\"" + a + "/" + a + "\"");
        assertThat(from(edit.body(), "group-" + id)).contains("<details open");
        assertThat(store.group(id).terms()).containsExactly(a, "人民代表");

        HttpResponse<String> builtIn = admin.postForm(PAGE, PAGE + "/builtin-2/delete", Map.of());
        assertThat(builtIn.statusCode()).isEqualTo(302);
        assertThat(admin.get(PAGE).body()).contains("内置同义词经过审核，不能修改或删除");
        assertThat(store.current().alternatives("人大")).contains("人民代表大会");
        admin.postForm(PAGE, PAGE + "/" + id + "/delete", Map.of());
    }

    @Test
    @DisplayName("试一试 shows which groups a query would use, and saves nothing")
    void trial() {
        WebSession admin = admin();
        HttpResponse<String> tried = admin.get(PAGE + "?q=" + URLEncoder.encode("人大代表建议", StandardCharsets.UTF_8));
        assertThat(tried.statusCode()).isEqualTo(200);
        assertThat(from(tried.body(), "trial-result")).contains("<td>人大</td>", "<td>人大 / 人民代表大会</td>", "内置");
        assertThat(tried.body()).as("the query stays in the box").contains("value=\"人大代表建议\"");
        String none = Words.unique();
        assertThat(from(admin.get(PAGE + "?q=" + URLEncoder.encode(none, StandardCharsets.UTF_8)).body(), "trial-result"))
                .contains("不含任何同义词组中的词");
        assertThat(admin.get(PAGE + "?q=" + "a".repeat(201)).body()).contains("试一试的搜索词不能超过 200 个字符。");
    }

    @Test
    @DisplayName("a member is turned away from the synonyms page")
    void notForMembers() {
        String email = "synonyms-" + Words.unique().hashCode() + "@test.example";
        api().newMember(email);
        WebSession member = new WebSession(port).signIn(email, Api.MEMBER_PASSWORD);
        assertThat(member.get(PAGE).statusCode()).isEqualTo(403);
    }
}
