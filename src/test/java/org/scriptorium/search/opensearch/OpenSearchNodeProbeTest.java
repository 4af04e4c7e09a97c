package org.scriptorium.search.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.OpenSearchNode;

class OpenSearchNodeProbeTest {
    @Test
    void starts() throws Exception {
        long t = System.nanoTime();
        String url = OpenSearchNode.url();
        System.out.println("STARTED in " + (System.nanoTime() - t) / 1_000_000 + " ms at " + url);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.println(r.body());
        assertThat(r.statusCode()).isEqualTo(200);
    }
}
