package org.scriptorium.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalClusterTest {

    @Test
    @DisplayName("a setting given twice keeps its last value, where Spring would join both with a comma")
    void lastArgumentWins() {
        assertThat(AppNode.lastWins(List.of("--a=1", "--b=2", "--a=3", "plain", "--c", "plain")))
                .containsExactly("--b=2", "--a=3", "--c", "plain");
    }

    @Test
    @DisplayName("the proxy's configuration is one HAProxy accepts, with each node's stream port under /stream/")
    void haproxyAcceptsTheConfiguration(@TempDir Path dir) throws Exception {
        List<AppNode> nodes = List.of(node(1, 18081, 18091), node(2, 18082, 18092));
        String config = HaProxy.config(18000, nodes);
        assertThat(config).contains("server node2 127.0.0.1:18092 check port 18082")
                .contains("http-request replace-path ^/stream(/.*)$ \\1")
                .contains("use_backend streams if { path_beg /stream/ }");
        Path file = Files.writeString(dir.resolve("haproxy.cfg"), config);
        Process check = new ProcessBuilder("haproxy", "-c", "-f", file.toString()).redirectErrorStream(true).start();
        String said = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor()).as(said).isZero();
    }

    private static AppNode node(int n, int port, int streamPort) {
        return new AppNode("node" + n, port, streamPort, Path.of("data"), Path.of("node.log"), List.of(), List.of());
    }
}
