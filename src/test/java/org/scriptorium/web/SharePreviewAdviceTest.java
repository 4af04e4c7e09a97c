package org.scriptorium.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.ui.ExtendedModelMap;

/** What a page's head says of it for shared links (issue 16): the address on the public URL, WeChat's browser. */
class SharePreviewAdviceTest {

    private static ExtendedModelMap model(PublicUrl publicUrl, MockHttpServletRequest request) {
        ExtendedModelMap model = new ExtendedModelMap();
        new SharePreviewAdvice(publicUrl).sharePreview(request, model);
        return model;
    }

    @Test
    @DisplayName("og:url is the page on scriptorium.public-url, query included; without one it is left out, whatever the Host")
    void pageUrl() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/materials");
        request.setQueryString("q=%E6%98%A5%E8%80%95");
        request.setServerName("evil.example");
        assertThat(model(PublicUrl.of("https://wenku.example.cn/", null), request).get("pageUrl"))
                .isEqualTo("https://wenku.example.cn/materials?q=%E6%98%A5%E8%80%95");
        assertThat(model(PublicUrl.of("", null), request).containsAttribute("pageUrl")).isFalse();
        assertThat(model(PublicUrl.of("", null), request).get("defaultDescription")).asString().contains("公文");
    }

    @Test
    @DisplayName("WeChat's in-app browser is told by MicroMessenger in its User-Agent; API calls get nothing")
    void weChat() {
        MockHttpServletRequest wechat = new MockHttpServletRequest("GET", "/materials/abc");
        wechat.addHeader("User-Agent", "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Mobile Safari/537.36 "
                + "MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 NetType/WIFI Language/zh_CN");
        assertThat(model(PublicUrl.of("", null), wechat).get("inWeChat")).isEqualTo(true);
        MockHttpServletRequest safari = new MockHttpServletRequest("GET", "/materials/abc");
        safari.addHeader("User-Agent", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1");
        assertThat(model(PublicUrl.of("", null), safari).get("inWeChat")).isEqualTo(false);
        assertThat(model(PublicUrl.of("", null), new MockHttpServletRequest("GET", "/api/v1/me")).asMap()).isEmpty();
    }
}
