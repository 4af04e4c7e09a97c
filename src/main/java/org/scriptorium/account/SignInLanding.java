package org.scriptorium.account;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

/**
 * Where the sign-in form leads: to the {@code next} path it carried when that is a {@link LocalPath} (the paywall's
 * link back to the material), else to the page that asked for sign-in (Spring Security's saved request), else home.
 */
public final class SignInLanding extends SavedRequestAwareAuthenticationSuccessHandler {

    public static final String NEXT = "next";

    private final HttpSessionRequestCache requests = new HttpSessionRequestCache();

    public SignInLanding() {
        setDefaultTargetUrl("/");
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws ServletException, IOException {
        var next = LocalPath.of(request.getParameter(NEXT));
        if (next.isPresent()) {
            requests.removeRequest(request, response);
            clearAuthenticationAttributes(request);
            getRedirectStrategy().sendRedirect(request, response, next.get());
            return;
        }
        super.onAuthenticationSuccess(request, response, authentication);
    }

    /** {@code &next=…} for the sign-in page's address after a failure, so the next try still leads back; or "". */
    public static String carriedNext(HttpServletRequest request) {
        return LocalPath.of(request.getParameter(NEXT))
                .map(next -> "&" + NEXT + "=" + URLEncoder.encode(next, StandardCharsets.UTF_8)).orElse("");
    }
}
