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
 * {@code GET /flaky/jwks}, serves the same keys but can be switched to answer 503, as a provider that is down.
 * <p>
 * QuarkusUnitTest loads a test class twice (JUnit's class loader for the configuration, the application's for
 * the test methods), so the server is started once per JVM and found again through system properties, and the
 * up/down switch is a system property too: both copies of this class see the same server and the same switch.
 */
final class JwksServer {

    private static final String PORT = "test.jwks.port";
    private static final String DOWN = "test.jwks.down";

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

    /** From now on {@code /flaky/jwks} answers 503 ({@code false}) or the keys ({@code true}). */
    static void available(boolean available) {
        System.setProperty(DOWN, Boolean.toString(!available));
    }

    private static int start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
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
