package org.scriptorium.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server for tests, without Docker: s3proxy on its file-system backend, run as a process of its
 * own from the jar the build copies to {@code target/s3proxy/s3proxy.jar} (on the test classpath its Jetty would clash
 * with Tomcat). Started once per test JVM on a free loopback port over a temporary folder, stopped when the JVM exits.
 */
public final class S3Server {

    public static final String ACCESS_KEY = "scriptorium-test";
    public static final String SECRET_KEY = "scriptorium-test-secret";
    public static final String REGION = "us-east-1";
    private static final Path JAR = Path.of("target", "s3proxy", "s3proxy.jar");
    private static final Duration START = Duration.ofSeconds(60);

    private static S3Server running;

    private final URI endpoint;

    private S3Server(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** The server of this JVM, started at the first call. */
    public static synchronized S3Server get() {
        if (running == null) {
            running = start();
        }
        return running;
    }

    /** Where S3 clients send their requests (path-style addressing). */
    public URI endpoint() {
        return endpoint;
    }

    /** A client with the server's credentials; close it after use. */
    public S3Client client() {
        return S3Client.builder().endpointOverride(endpoint).region(Region.of(REGION)).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /** Makes a new, empty bucket and returns its name. */
    public String newBucket() {
        String name = "test-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (S3Client client = client()) {
            client.createBucket(b -> b.bucket(name));
        }
        return name;
    }

    /** The settings that point the application's {@code s3} blob store at a new bucket of this server. */
    public String[] applicationArguments() {
        return new String[] {
                "--scriptorium.blobs.store=s3",
                "--scriptorium.blobs.s3.endpoint=" + endpoint,
                "--scriptorium.blobs.s3.region=" + REGION,
                "--scriptorium.blobs.s3.bucket=" + newBucket(),
                "--scriptorium.blobs.s3.access-key=" + ACCESS_KEY,
                "--scriptorium.blobs.s3.secret-key=" + SECRET_KEY,
                "--scriptorium.blobs.s3.path-style=true"};
    }

    private static S3Server start() {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: the build copies it before the tests"
                    + " (mvn process-test-classes, maven-dependency-plugin execution s3proxy)");
        }
        try {
            Path dir = Files.createTempDirectory("scriptorium-s3proxy");
            Path data = Files.createDirectories(dir.resolve("data"));
            int port = freePort();
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            Path properties = Files.writeString(dir.resolve("s3proxy.properties"), String.join("\n",
                    "s3proxy.endpoint=" + endpoint,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + data.toAbsolutePath(),
                    ""));
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process process = new ProcessBuilder(java.toString(), "-Xmx256m", "-jar", JAR.toAbsolutePath().toString(),
                    "--properties", properties.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("s3proxy.log").toFile())
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                process.destroyForcibly();
                try {
                    process.waitFor();
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
                deleteTree(dir);
            }, "s3proxy-stop"));
            waitForPort(process, port, dir.resolve("s3proxy.log"));
            return new S3Server(endpoint);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start s3proxy", e);
        }
    }

    private static void waitForPort(Process process, int port, Path log) throws IOException {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy stopped at start:\n" + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100); // polling a port coming up: there is no event to wait for
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while s3proxy started", e);
                }
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("s3proxy did not open port " + port + " within " + START + ":\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder: the system's cleaning takes the rest
        }
    }
}
