package dev.scoring.operator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.scoring.manifests.scoringfunction.ScoringFunction;
import dev.scoring.testing.KnativeMockCluster;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The API server in memory for scripts/operator-image-check.sh: writes its kubeconfig where the operator's
 * container reads it, creates one ScoringFunction, and exits 0 once the operator running in the image has
 * reconciled it (its Knative Service written, its status observed), 1 if not within the time given.
 * Usage: ImageCheckCluster KUBECONFIG-OUT SECONDS
 */
public final class ImageCheckCluster {

    public static void main(String[] args) throws Exception {
        Path kubeconfig = Path.of(args[0]);
        Duration limit = Duration.ofSeconds(Long.parseLong(args[1]));
        int status = 1;
        try (KnativeMockCluster cluster = KnativeMockCluster.startWithStatusSubresources("models")) {
            KubernetesClient client = cluster.kubernetes();
            client.resource(new YAMLMapper().treeToValue(ScoringFunctionCrdTest.iris(), ScoringFunction.class))
                    .create();
            Path written = Files.copy(cluster.kubeconfig(), kubeconfig.resolveSibling(kubeconfig.getFileName() + ".tmp"),
                    StandardCopyOption.REPLACE_EXISTING);
            written.toFile().setReadable(true, false);
            // Whole, or not at all: the script waits for the file to appear.
            Files.move(written, kubeconfig, StandardCopyOption.ATOMIC_MOVE);
            System.out.println("image-check cluster: " + cluster.url() + ", ScoringFunction models/iris created");
            long deadline = System.nanoTime() + limit.toNanos();
            while (System.nanoTime() < deadline) {
                ScoringFunction function = client.resources(ScoringFunction.class).withName("iris").get();
                Service service = client.resources(Service.class).withName("iris").get();
                if (service != null && function.getStatus() != null
                        && Long.valueOf(1).equals(function.getStatus().observedGeneration)) {
                    System.out.println("image-check cluster: reconciled: Service iris revision "
                            + service.getSpec().getTemplate().getMetadata().getName() + ", status "
                            + client.getKubernetesSerialization().asJson(function.getStatus().conditions));
                    status = 0;
                    break;
                }
                Thread.sleep(200);
            }
            if (status != 0) {
                System.out.println("image-check cluster: ScoringFunction iris not reconciled within " + limit);
            }
        }
        // The API server in memory leaves non-daemon threads behind.
        System.exit(status);
    }
}
