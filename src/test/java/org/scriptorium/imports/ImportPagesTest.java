package org.scriptorium.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.scriptorium.support.WebSession;

/** The batch import pages without a browser: the form with its CSRF token, an empty archive, an empty upload. */
class ImportPagesTest extends IntegrationTest {

    @Test
    @DisplayName("an empty zip uploaded through the page ends on its job page: done, nothing to import")
    void emptyZipThroughThePage() throws InterruptedException {
        WebSession editor = new WebSession(port).signIn(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
        HttpResponse<String> posted = editor.postMultipart("/admin/imports", "/admin/imports", Map.of("tier", ""),
                "空的.zip", TestZips.gbkZip(Map.of()));
        assertThat(posted.statusCode()).isEqualTo(302);
        String job = posted.headers().firstValue("Location").orElseThrow();
        assertThat(job).matches(".*/admin/imports/[a-z0-9]+$");

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        String page = editor.get(job).body();
        while (!page.contains("已完成") && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            page = editor.get(job + "/progress").body();
        }
        assertThat(page).contains("已完成").contains("压缩包中没有可导入的文件").doesNotContain("hx-trigger");

        HttpResponse<String> nothing = editor.postMultipart("/admin/imports", "/admin/imports", Map.of(), null, null);
        assertThat(nothing.statusCode()).isEqualTo(302);
        assertThat(nothing.headers().firstValue("Location").orElseThrow()).endsWith("/admin/imports");
        assertThat(editor.get("/admin/imports").body()).contains("请选择要导入的压缩包");
    }
}
