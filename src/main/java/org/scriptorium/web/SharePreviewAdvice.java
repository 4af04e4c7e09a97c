package org.scriptorium.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What a page's head tells search engines and the cards of links shared in WeChat (issue 16, reader basics): the
 * page's address on the public URL, and whether the page is shown in WeChat's own browser, which cannot download
 * files (the reading page then says how to open it in the system browser).
 */
// Only with pages: the backup and restore commands start the application without a web server (nor PublicUrl).
@ConditionalOnWebApplication
@ControllerAdvice
class SharePreviewAdvice {

    /** What a page without its own description says of the library. */
    static final String DESCRIPTION = "公文写作资料库：讲话稿、工作总结、调研报告、方案、通知等范文，按主题和场合检索，"
            + "会员可阅读全文并下载 Word、PDF。";

    private final PublicUrl publicUrl;

    SharePreviewAdvice(PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
    }

    @ModelAttribute
    void sharePreview(HttpServletRequest request, Model model) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/")) {
            return;
        }
        model.addAttribute("defaultDescription", DESCRIPTION);
        // Only from the configured address: the Host header is whoever-sent-the-request's choice.
        if (publicUrl.configured()) {
            String query = request.getQueryString();
            model.addAttribute("pageUrl", publicUrl.base() + path + (query == null ? "" : "?" + query));
        }
        String agent = request.getHeader("User-Agent");
        model.addAttribute("inWeChat", agent != null && agent.contains("MicroMessenger"));
    }
}
