package org.scriptorium.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Where redirects send the browser, with and without a configured public address. */
class PublicUrlTest {

    @Test
    @DisplayName("the new name wins over the old one, which still counts alone; a trailing slash is dropped")
    void names() {
        assertThat(PublicUrl.of("https://wenku.example.cn/", "http://old.example").base()).isEqualTo("https://wenku.example.cn");
        assertThat(PublicUrl.of("", "http://old.example").base()).isEqualTo("http://old.example");
        assertThat(PublicUrl.of(null, " ").configured()).isFalse();
        assertThat(PublicUrl.of("https://wenku.example.cn", "").https()).isTrue();
        assertThat(PublicUrl.of("http://wenku.example.cn", "").https()).isFalse();
    }

    @Test
    @DisplayName("an address that is not absolute http(s) stops the start with a clear message")
    void invalid() {
        for (String bad : new String[] {"wenku.example.cn", "ftp://wenku.example.cn", "https://", "https://x.cn/?a=1"}) {
            assertThatThrownBy(() -> PublicUrl.of(bad, "")).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scriptorium.public-url");
        }
    }

    @Test
    @DisplayName("redirects go to the public address whatever host they were built from, keeping path and query")
    void publicAddress() {
        PublicUrl url = PublicUrl.of("https://wenku.example.cn", "");
        assertThat(url.redirect("/login", "/me")).isEqualTo("https://wenku.example.cn/login");
        assertThat(url.redirect("http://evil.example/me?tab=1#top", "/login"))
                .isEqualTo("https://wenku.example.cn/me?tab=1#top");
        assertThat(url.redirect("//evil.example/me", "/login")).isEqualTo("https://wenku.example.cn/me");
        assertThat(url.redirect("edit", "/admin/materials/12/view")).isEqualTo("https://wenku.example.cn/admin/materials/12/edit");
        assertThat(PublicUrl.of("https://example.cn/wenku", "").redirect("/me", "/login"))
                .as("a proxy that serves the library under a path").isEqualTo("https://example.cn/wenku/me");
    }

    @Test
    @DisplayName("without a public address redirects stay on the browser's own address: relative, never another host")
    void relative() {
        PublicUrl none = PublicUrl.of("", "");
        assertThat(none.redirect("http://evil.example/me", "/login")).isEqualTo("/me");
        assertThat(none.redirect("https://evil.example", "/login")).isEqualTo("/");
        assertThat(none.redirect("/materials?page=2", "/")).isEqualTo("/materials?page=2");
        assertThat(none.redirect("/\\evil.example", "/")).isEqualTo("/");
    }
}
