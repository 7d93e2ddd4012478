package dev.scoring.functions.iris;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusProdModeTest;

/**
 * With deploy on and a kube context whose API server does not answer (a closed port), the build
 * fails at once with one line that names the server and the reason, instead of Quarkus' stack
 * trace at the end of the build.
 */
class DeployWithoutClusterBuildTest {

    static final int closedPort = closedPort();
    static final Path kubeconfig = kubeconfigFor("http://127.0.0.1:" + closedPort);
    static {
        System.setProperty("kubeconfig", kubeconfig.toString());
    }

    static Throwable failure;

    @RegisterExtension
    static final QuarkusProdModeTest build = FunctionBuild.of("iris")
            .overrideConfigKey("quarkus.kubernetes.deploy", "true")
            .overrideConfigKey("quarkus.container-image.build", "false")
            .overrideConfigKey("quarkus.container-image.push", "false")
            .setRun(false)
            .assertBuildException(t -> failure = t);

    @AfterAll
    static void forgetKubeconfig() throws IOException {
        System.clearProperty("kubeconfig");
        Files.deleteIfExists(kubeconfig);
    }

    @Test
    void theBuildFailsWithOneLineNamingTheServerAndTheReason() {
        Throwable cause = rootCause();
        String message = cause.getMessage();
        assertFalse(message.contains("\n"), message);
        assertTrue(message.startsWith("Cannot deploy (quarkus.kubernetes.deploy=true): no Kubernetes API server"
                + " reachable at http://127.0.0.1:" + closedPort), message);
        assertTrue(message.contains("kube context 'closed'"), message);
        assertTrue(message.contains("Connection refused"), message);
    }

    @Test
    void theFailureCarriesNoStackTraceToPrint() {
        Throwable cause = rootCause();
        assertEquals(0, cause.getStackTrace().length);
        assertNull(cause.getCause());
        // Quarkus' build failure text: a header line, then this step's line, nothing else.
        assertEquals(2, failure.getMessage().strip().lines().count(), failure.getMessage());
    }

    private static Throwable rootCause() {
        if (failure == null) {
            fail("the build did not fail");
        }
        Throwable t = failure;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path kubeconfigFor(String server) {
        try {
            Path file = Files.createTempFile("kubeconfig-closed-", ".yaml");
            Files.writeString(file, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: closed
                      cluster:
                        server: %s
                    contexts:
                    - name: closed
                      context:
                        cluster: closed
                        namespace: scoring-test
                        user: closed
                    current-context: closed
                    users:
                    - name: closed
                      user:
                        token: unused
                    """.formatted(server));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
