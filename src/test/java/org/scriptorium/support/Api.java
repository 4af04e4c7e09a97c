package org.scriptorium.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small client for the JSON API over real HTTP, as an operator's script would call it. */
public final class Api {

    public static final String ADMIN_EMAIL = "admin@test.example";
    public static final String ADMIN_PASSWORD = "admin-password-1";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final HttpClient http;
    private final String localAddress;
    private String token;
    private String language;
    private String userAgent;

    Api(String base) {
        this(base, null);
    }

    private Api(String base, String localAddress) {
        this.base = base;
        this.localAddress = localAddress;
        HttpClient.Builder builder = HttpClient.newBuilder();
        if (localAddress != null) {
            try {
                builder.localAddress(java.net.InetAddress.getByName(localAddress));
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException(localAddress, e);
            }
        }
        this.http = builder.build();
    }

    /**
     * The same client, connecting from this loopback address (any of 127.0.0.0/8 on Linux), so that the server sees
     * another client address: for the limits per client address, without using up those of 127.0.0.1.
     */
    public Api from(String loopbackAddress) {
        Api other = new Api(base, loopbackAddress);
        other.token = token;
        other.language = language;
        other.userAgent = userAgent;
        return other;
    }

    /** A client address of 127.0.0.0/8 that no other test uses, for {@link #from}. */
    public static String freshLoopbackAddress() {
        int n = NEXT_ADDRESS.getAndIncrement();
        return "127." + (10 + (n >> 16) % 200) + "." + ((n >> 8) & 0xff) + "." + (1 + (n & 0xff) % 254);
    }

    private static final java.util.concurrent.atomic.AtomicInteger NEXT_ADDRESS =
            new java.util.concurrent.atomic.AtomicInteger(new java.security.SecureRandom().nextInt(1 << 20));

    /** A client for an application started elsewhere (another process), e.g. {@code http://127.0.0.1:8080}. */
    public static Api at(String base) {
        return new Api(base);
    }

    /** An HTTP answer with its body read as JSON where it is JSON. */
    public record Response(int status, String contentType, byte[] bytes, Map<String, String> headers) {

        public Response(int status, String contentType, byte[] bytes) {
            this(status, contentType, bytes, Map.of());
        }

        /** A response header by its lower-case name (the first value), if sent. */
        public java.util.Optional<String> header(String name) {
            return java.util.Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
        }

        public JsonNode json() {
            return JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        }

        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The same client, sending this bearer token. */
    public Api as(String bearer) {
        Api other = new Api(base, localAddress);
        other.token = bearer;
        other.language = language;
        other.userAgent = userAgent;
        return other;
    }

    /** The bearer token this client sends, to call again as the same account (another port, after a restart). */
    public String bearer() {
        return token;
    }

    /** The same client, calling as this browser or device. */
    public Api withUserAgent(String agent) {
        Api other = as(token);
        other.userAgent = agent;
        return other;
    }

    /** The same client, asking for answers in this language. */
    public Api inLanguage(String acceptLanguage) {
        Api other = as(token);
        other.language = acceptLanguage;
        return other;
    }

    public Api asAdmin() {
        return as(token(ADMIN_EMAIL, ADMIN_PASSWORD));
    }

    /** Registers a new member with a unique address and returns a client signed in as them. */
    public Api newMember() {
        return newMember("m" + UUID.randomUUID().toString().substring(0, 8) + "@test.example");
    }

    /** The password of every member that {@link #newMember} registers. */
    public static final String MEMBER_PASSWORD = "member-pass-1";

    /**
     * Registers a new member with this address and returns a client signed in as them. Registration answers 202
     * whether or not the address was new: sign-in tells.
     */
    public Api newMember(String email) {
        Response r = post("/api/v1/auth/register", Map.of("email", email, "password", MEMBER_PASSWORD, "displayName", "笔杆子"));
        if (r.status() != 202) {
            throw new IllegalStateException("register failed: " + r.text());
        }
        return as(token(email, MEMBER_PASSWORD));
    }

    /** The user id of the account this client is signed in as. */
    public String userId() {
        return get("/api/v1/me").json().get("userId").asString();
    }

    public String token(String email, String password) {
        Response r = post("/api/v1/auth/token", Map.of("email", email, "password", password));
        if (r.status() != 200) {
            throw new IllegalStateException("token failed: " + r.status() + " " + r.text());
        }
        return r.json().get("token").asString();
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    public Response put(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response postForm(String path, Map<String, String> fields) {
        StringBuilder form = new StringBuilder();
        fields.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
    }

    /** A multipart request with text fields and at most one file. */
    public Response multipart(String method, String path, Map<String, String> fields, String fileName, byte[] file) {
        return multipart(method, path, fields, file == null ? List.of() : List.of(new Upload(fileName, file)));
    }

    /** A file sent in a multipart request. */
    public record Upload(String name, byte[] content) {
    }

    /** A multipart request with text fields and any number of files, each in a part named "file". */
    public Response multipart(String method, String path, Map<String, String> fields, List<Upload> files) {
        String boundary = "----scriptorium" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            for (Map.Entry<String, String> f : new LinkedHashMap<>(fields).entrySet()) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey()
                        + "\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                body.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                body.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            for (Upload file : files) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.name()
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                body.write(file.content());
                body.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (language != null) {
            b.header("Accept-Language", language);
        }
        if (userAgent != null) {
            b.header("User-Agent", userAgent);
        }
        return b;
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<byte[]> r = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> headers = new LinkedHashMap<>();
            r.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
