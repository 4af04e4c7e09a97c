package org.scriptorium.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sends every redirect (after sign-in, after a form, to the sign-in page) to the public address, never to the host
 * the request named: a request with {@code Host: evil.example} must not send a member there. Without a public
 * address redirects stay relative ({@code server.tomcat.use-relative-redirects}), which the browser resolves against
 * the address it is on.
 */
final class PublicRedirects extends OncePerRequestFilter {

    private final PublicUrl publicUrl;

    PublicRedirects(PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestUri = request.getRequestURI();
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void sendRedirect(String location, int status, boolean clearBuffer) throws IOException {
                super.sendRedirect(publicUrl.redirect(location, requestUri), status, clearBuffer);
            }

            @Override
            public void sendRedirect(String location) throws IOException {
                sendRedirect(location, SC_FOUND, true);
            }

            @Override
            public void sendRedirect(String location, int status) throws IOException {
                sendRedirect(location, status, true);
            }

            @Override
            public void sendRedirect(String location, boolean clearBuffer) throws IOException {
                sendRedirect(location, SC_FOUND, clearBuffer);
            }
        });
    }
}
