package dev.scoring.functions.iris.kafka;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A Kafka broker in its own process, started and stopped with {@code scripts/kafka-local.sh} (the
 * script users run), so that tests can stop and restart it like a real broker going away.
 */
final class LocalKafkaBroker implements AutoCloseable {

    private final Path script;
    private final Path home;
    private final int port;
    private final int controllerPort;
    private final String scramUsers;
    private final boolean tls;

    LocalKafkaBroker(Path scriptsDir, Path home) throws IOException {
        this(scriptsDir, home, "", false);
    }

    /**
     * A broker whose clients must authenticate with SASL/SCRAM-SHA-512 as one of {@code scramUsers}
     * ({@code user:password,...}; the first is the broker's own and {@link #clientProperties()}'s), and, with
     * {@code tls}, connect over TLS to a certificate signed by the broker's own CA ({@link #caCertificate()}).
     */
    LocalKafkaBroker(Path scriptsDir, Path home, String scramUsers, boolean tls) throws IOException {
        this.script = scriptsDir.resolve("kafka-local.sh");
        this.home = home;
        this.port = freePort();
        this.controllerPort = freePort();
        this.scramUsers = scramUsers;
        this.tls = tls;
    }

    /**
     * What a client needs besides the bootstrap servers (protocol, the first SCRAM user's login, the CA to
     * trust): the client configuration the script writes when it starts the broker.
     */
    Properties clientProperties() throws IOException {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(home.resolve("client.properties"))) {
            properties.load(reader);
        }
        return properties;
    }

    /** The PEM certificate of the CA that signed the broker's certificate (with {@code tls}). */
    Path caCertificate() {
        return home.resolve("tls/ca.crt");
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    void start() throws IOException, InterruptedException {
        run("start");
    }

    /** SIGTERM, as a broker being restarted; the data directory stays. */
    void stop() throws IOException, InterruptedException {
        run("stop");
    }

    private void run(String command) throws IOException, InterruptedException {
        Files.createDirectories(home);
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("script.log").toFile()));
        builder.environment().put("KAFKA_PORT", Integer.toString(port));
        builder.environment().put("KAFKA_CONTROLLER_PORT", Integer.toString(controllerPort));
        builder.environment().put("KAFKA_HOME", home.toString());
        builder.environment().put("KAFKA_SCRAM_USERS", scramUsers);
        builder.environment().put("KAFKA_TLS", tls ? "1" : "");
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("kafka-local.sh " + command + " did not finish in 120 s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("kafka-local.sh " + command + " failed; see " + home.resolve("script.log"));
        }
    }

    /** Stops the broker; kills it by pid if the script could not. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stop();
        } finally {
            Path pidFile = home.resolve("kafka.pid");
            if (Files.exists(pidFile)) {
                long pid = Long.parseLong(Files.readString(pidFile).trim());
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    /** Removes a test's work directory (broker data, logs) so that every run starts from nothing. */
    static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
