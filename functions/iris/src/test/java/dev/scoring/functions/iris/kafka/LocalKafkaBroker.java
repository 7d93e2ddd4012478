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

    LocalKafkaBroker(Path scriptsDir, Path home) throws IOException {
        this(scriptsDir, home, "");
    }

    /**
     * A broker whose clients must authenticate with SASL/SCRAM-SHA-512 as one of {@code scramUsers}
     * ({@code user:password,...}; the first is the broker's own and {@link #clientProperties()}'s).
     */
    LocalKafkaBroker(Path scriptsDir, Path home, String scramUsers) throws IOException {
        this.script = scriptsDir.resolve("kafka-local.sh");
        this.home = home;
        this.port = freePort();
        this.controllerPort = freePort();
        this.scramUsers = scramUsers;
    }

    /** What a client needs besides the bootstrap servers: the first SCRAM user's login, if SCRAM is on. */
    Properties clientProperties() {
        Properties properties = new Properties();
        if (!scramUsers.isEmpty()) {
            String first = scramUsers.split(",")[0];
            int colon = first.indexOf(':');
            properties.put("security.protocol", "SASL_PLAINTEXT");
            properties.put("sasl.mechanism", "SCRAM-SHA-512");
            properties.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                    + " username=\"" + first.substring(0, colon) + "\" password=\"" + first.substring(colon + 1) + "\";");
        }
        return properties;
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
