package dev.scoring.functions.iris.kafka;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.scoring.testing.PackagedArtifact;

/** The packaged function (the fast-jar, or with {@code -Dnative} the native executable) in its own process. */
final class FunctionProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private FunctionProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static FunctionProcess start(Path log, Map<String, String> properties) throws IOException {
        return start(log, properties, Map.of());
    }

    /** @param environment variables added to the process's environment, as a Secret's keys reach a container */
    static FunctionProcess start(Path log, Map<String, String> properties, Map<String, String> environment)
            throws IOException {
        int port = LocalKafkaBroker.freePort();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("quarkus.http.port", Integer.toString(port));
        // No HTTP drain delay on stop: these tests stop the function often and none is about the HTTP drain
        // (GracefulShutdownIT tests the shipped delay). The Kafka consumer still commits and leaves its group.
        settings.put("quarkus.shutdown.delay", "0s");
        settings.putAll(properties);
        List<String> command = PackagedArtifact.current().command(settings);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        return new FunctionProcess(process, port);
    }

    long pid() {
        return process.pid();
    }

    void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the function exited with " + process.exitValue());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the function was not ready within " + timeout);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** GET of a path on the function: its status code and body. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or committed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
