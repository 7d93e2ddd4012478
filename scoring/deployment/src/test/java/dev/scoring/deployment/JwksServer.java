package dev.scoring.deployment;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/**
 * An identity provider's key endpoint for the authentication tests: the JDK's HTTP server answering
 * {@code GET /jwks} with the trusted key of {@link TestTokens} as a JWKS, over real HTTP. A second endpoint,
 * {@code GET /flaky/jwks}, serves the same keys but can be switched to answer 503, as a provider that is down;
 * {@code GET /openid/v1/jwks} stands in for the cluster's API server and its service-account keys.
 * <p>
 * QuarkusUnitTest loads a test class twice (JUnit's class loader for the configuration, the application's for
 * the test methods), so the server is started once per JVM and found again through system properties, and the
 * up/down switch is a system property too: both copies of this class see the same server and the same switch.
 */
final class JwksServer {

    private static final String PORT = "test.jwks.port";
    private static final String DOWN = "test.jwks.down";
    /** Where the stand-in for the cluster's API server serves its service-account keys. */
    static final String CLUSTER_JWKS = "/openid/v1/jwks";
    /** The service-account token of the function's pod, which the cluster's key endpoint requires. */
    static final String POD_TOKEN = "the-pods-own-service-account-token";

    private JwksServer() {
    }

    /** The base URL of the running server (started on first use), e.g. for quarkus.oidc.auth-server-url. */
    static synchronized String url() {
        String port = System.getProperty(PORT);
        if (port == null) {
            port = Integer.toString(start());
            System.setProperty(PORT, port);
        }
        return "http://127.0.0.1:" + port;
    }

    /** A service-account token file holding {@code token}, as the kubelet mounts the pod's own. */
    static String podTokenFile(String token) {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("pod-service-account", ".token");
            java.nio.file.Files.writeString(file, token + "\n");
            file.toFile().deleteOnExit();
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** From now on {@code /flaky/jwks} answers 503 ({@code false}) or the keys ({@code true}). */
    static void available(boolean available) {
        System.setProperty(DOWN, Boolean.toString(!available));
    }

    /**
     * Like a Kubernetes API server's service-account keys: only for a caller that sends
     * {@link #POD_TOKEN} as its bearer token, else 401.
     */
    private static void serveClusterKeys(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        boolean authorized = ("Bearer " + POD_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
        byte[] body = (authorized ? TestTokens.clusterJwks() : "{\"kind\":\"Status\",\"code\":401}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(authorized ? 200 : 401, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static int start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                if (path.equals(CLUSTER_JWKS)) {
                    serveClusterKeys(exchange);
                    return;
                }
                if (!path.equals("/jwks") && !path.equals("/flaky/jwks")) {
                    exchange.sendResponseHeaders(404, -1);
                    exchange.close();
                    return;
                }
                boolean down = path.startsWith("/flaky/") && Boolean.getBoolean(DOWN);
                byte[] body = (down ? "{\"error\":\"down\"}" : TestTokens.jwks()).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(down ? 503 : 200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
