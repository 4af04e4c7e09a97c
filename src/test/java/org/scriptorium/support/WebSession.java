package org.scriptorium.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser without a browser: the server-rendered pages over real HTTP, with a cookie jar and CSRF tokens. */
public final class WebSession {

    private final String base;
    private final HttpClient http;

    public WebSession(int port) {
        this("http://127.0.0.1:" + port, HttpClient.newBuilder().cookieHandler(new CookieManager()).build());
    }

    private WebSession(String base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    /** The value of the cookie named {@code name} this browser holds, if any (cookies are per host, not per port). */
    public Optional<String> cookie(String name) {
        return http.cookieHandler()
                .map(handler -> ((CookieManager) handler).getCookieStore().getCookies())
                .flatMap(cookies -> cookies.stream().filter(c -> c.getName().equals(name))
                        .map(HttpCookie::getValue).findFirst());
    }

    /** Issue 17: the same browser (the same cookies) at another app node on this machine, as a proxy would send it. */
    public WebSession on(int port) {
        return new WebSession("http://127.0.0.1:" + port, http);
    }

    /** Posts a form with a CSRF token given, e.g. one read from a page another node served. */
    public HttpResponse<String> postForm(String path, Map<String, String> fields, String csrf) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", csrf);
        String form = all.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public HttpResponse<byte[]> getBytes(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts a form with the CSRF token of the page at {@code formPage}. */
    public HttpResponse<String> postForm(String formPage, String path, Map<String, String> fields) {
        return postForm(path, fields, csrf(get(formPage).body()));
    }

    /** Posts a multipart form (fields and at most one file) with the CSRF token of the page at {@code formPage}. */
    public HttpResponse<String> postMultipart(String formPage, String path, Map<String, String> fields,
                                              String fileName, byte[] file) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", csrf(get(formPage).body()));
        String boundary = "----web" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            for (Map.Entry<String, String> f : all.entrySet()) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey()
                        + "\"\r\n\r\n" + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            if (file != null) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                body.write(file);
                body.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** Signs in through the sign-in form and checks that it worked. */
    public WebSession signIn(String email, String password) {
        HttpResponse<String> login = postForm("/login", "/login", Map.of("email", email, "password", password));
        assertThat(login.headers().firstValue("Location").orElse("")).as("signed in").doesNotContain("error");
        return this;
    }

    public static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("page has a CSRF field").isTrue();
        return m.group(1);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
