package dev.scoring.functions.iris;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.scoring.testing.PackagedArtifact;

/**
 * Stops the packaged function (SIGTERM, as Kubernetes does when Knative scales an instance down)
 * while four clients keep it busy with batch requests, and checks that every request the function
 * had accepted before the signal still gets its 200. Requests that arrive afterwards may be refused;
 * none may be lost half-way.
 */
class GracefulShutdownIT {

    private record Outcome(long connectedAt, long finishedAt, int status) {
    }

    private static final int BATCH = 20_000;

    /** Status for "connection refused": the request never reached the function. */
    private static final int REFUSED = -1;
    /** Status for "accepted, then the connection closed without a complete answer". */
    private static final int LOST = -2;

    @Test
    void requestsInFlightAtSigtermComplete() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        // Big batches keep each request busy for a while, so that some are surely in flight at the signal.
        Process function = new ProcessBuilder(PackagedArtifact.current().command(Map.of(
                "quarkus.http.port", Integer.toString(port),
                "scoring.limits.max-batch-size", Integer.toString(BATCH),
                "scoring.limits.max-body-size", "8M")))
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target/graceful-shutdown.log").toFile())
                .start();
        try {
            awaitReady(port);
            byte[] batch = batch();
            List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
            List<Thread> clients = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(12);
            for (int c = 0; c < 4; c++) {
                Thread client = new Thread(() -> {
                    while (System.nanoTime() < deadline) {
                        Outcome o = post(port, batch);
                        outcomes.add(o);
                        if (o.status() == REFUSED) {
                            return; // the function is gone
                        }
                    }
                });
                client.start();
                clients.add(client);
            }
            Thread.sleep(2_500);
            long stoppedAt = System.nanoTime();
            function.destroy(); // SIGTERM
            assertTrue(function.waitFor(30, TimeUnit.SECONDS), "the function exits after draining");
            for (Thread client : clients) {
                client.join(30_000);
            }

            List<Outcome> acceptedBefore = outcomes.stream().filter(o -> o.connectedAt() < stoppedAt).toList();
            long inFlight = acceptedBefore.stream().filter(o -> o.finishedAt() > stoppedAt).count();
            assertTrue(acceptedBefore.size() >= 4, "requests before the signal: " + acceptedBefore.size());
            assertTrue(inFlight >= 1, "at least one request was in flight when the signal came");
            for (Outcome o : acceptedBefore) {
                assertEquals(200, o.status(), "a request accepted before SIGTERM");
            }
            assertEquals(0, outcomes.stream().filter(o -> o.status() == LOST && o.connectedAt() < stoppedAt).count());
        } finally {
            function.destroyForcibly();
        }
    }

    private static Outcome post(int port, byte[] body) {
        long connectedAt;
        try (Socket socket = new Socket()) {
            try {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            } catch (IOException e) {
                return new Outcome(System.nanoTime(), System.nanoTime(), REFUSED);
            }
            connectedAt = System.nanoTime();
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String response = readAll(socket.getInputStream());
            int status = response.startsWith("HTTP/1.1 ") && response.contains("\r\n\r\n")
                    ? Integer.parseInt(response.substring(9, 12)) : LOST;
            return new Outcome(connectedAt, System.nanoTime(), status);
        } catch (IOException e) {
            return new Outcome(System.nanoTime(), System.nanoTime(), LOST);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static byte[] batch() {
        return ("[" + String.join(",", Collections.nCopies(BATCH, IrisRows.SETOSA)) + "]").getBytes(StandardCharsets.UTF_8);
    }

    private static void awaitReady(int port) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                socket.setSoTimeout(2_000);
                socket.getOutputStream().write("GET /q/health/ready HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                if (readAll(socket.getInputStream()).startsWith("HTTP/1.1 200")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the function did not become ready");
    }
}
