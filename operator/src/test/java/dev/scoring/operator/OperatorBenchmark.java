package dev.scoring.operator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.scoring.manifests.scoringfunction.ScoringFunction;
import dev.scoring.testing.KnativeMockCluster;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The operator application (quarkus-run.jar, as its image runs it) against the API server in memory with N
 * ScoringFunctions waiting: prints the time from process start until every one is reconciled (its Knative Service
 * written and its status observed), and the process' resident memory once idle. Run by bench/operator.sh.
 */
public final class OperatorBenchmark {

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        int functions = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int idleSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        // The JVM options of the operator's image (quarkus.jib.jvm-additional-arguments), as bench/operator.sh reads them.
        List<String> jvmOptions = args.length > 3 ? List.of(args[3].split("[ ,]")) : List.of();
        try (KnativeMockCluster cluster = KnativeMockCluster.startWithStatusSubresources("models")) {
            KubernetesClient client = cluster.kubernetes();
            for (int i = 0; i < functions; i++) {
                ScoringFunction function = new YAMLMapper().treeToValue(ScoringFunctionCrdTest.iris(),
                        ScoringFunction.class);
                function.getMetadata().setName(String.format("model-%03d", i));
                function.getSpec().model.name = function.getMetadata().getName();
                client.resource(function).create();
            }
            List<String> command = new ArrayList<>(List.of(javaBin()));
            command.addAll(jvmOptions);
            command.addAll(List.of("-Dquarkus.http.port=18089", "-jar", jar.toString()));
            System.out.println("operator: " + String.join(" ", jvmOptions));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(Files.createTempFile("operator-", ".log").toFile());
            builder.environment().put("KUBECONFIG", cluster.kubeconfig().toString());
            long start = System.nanoTime();
            Process operator = builder.start();
            try {
                long ready = waitUntil(() -> ready(), start, Duration.ofSeconds(60));
                long reconciled = waitUntil(() -> reconciledAll(client, functions), start, Duration.ofSeconds(120));
                System.out.printf("operator: process start to ready: %.2f s%n", ready / 1e9);
                System.out.printf("operator: process start to %d ScoringFunctions reconciled: %.2f s%n", functions,
                        reconciled / 1e9);
                Thread.sleep(idleSeconds * 1000L);
                System.out.printf("operator: RSS %d s after the last reconcile, %d ScoringFunctions cached: %d MB%n",
                        idleSeconds, functions, rssKb(operator.pid()) / 1024);
            } finally {
                operator.destroy();
                operator.waitFor();
            }
        }
        // The API server in memory leaves non-daemon threads behind, which exec:java would wait for.
        System.exit(0);
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static long waitUntil(Check check, long start, Duration limit) throws Exception {
        while (!check.holds()) {
            if (System.nanoTime() - start > limit.toNanos()) {
                throw new IllegalStateException("not within " + limit);
            }
            Thread.sleep(50);
        }
        return System.nanoTime() - start;
    }

    private static boolean ready() {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:18089/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static boolean reconciledAll(KubernetesClient client, int functions) {
        long services = client.resources(Service.class).list().getItems().size();
        long observed = client.resources(ScoringFunction.class).list().getItems().stream()
                .filter(f -> f.getStatus() != null && Long.valueOf(1).equals(f.getStatus().observedGeneration))
                .count();
        return services == functions && observed == functions;
    }

    private static long rssKb(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(l -> l.startsWith("VmRSS:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                .findFirst().orElseThrow();
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
