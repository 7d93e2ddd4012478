package dev.scoring.cli;

import java.io.PrintWriter;
import java.util.function.Function;

import io.fabric8.knative.client.KnativeClient;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scoring-cli}: the scoring functions on the cluster of the current kube context
 * ({@code KUBECONFIG} or {@code ~/.kube/config}), and their model rollouts as Knative revisions.
 * Exit codes: 0 done, 1 failed (cluster or function state), 2 bad usage, 3 function not found.
 */
@Command(name = "scoring-cli", mixinStandardHelpOptions = true, version = "scoring-cli 0.1.0",
        description = "Lists scoring functions on Knative and rolls model versions out, forward and back.",
        subcommands = { ListCommand.class, RolloutCommand.class, PromoteCommand.class, RollbackCommand.class },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:done", "1:failed (cluster unreachable, function not ready, ...)", "2:bad usage",
                "3:function not found" })
public class ScoringCli {

    @Option(names = { "-n", "--namespace" }, scope = CommandLine.ScopeType.INHERIT,
            description = "Namespace of the functions (default: the kube context's namespace, else 'default').")
    String namespace;

    private final Function<String, KnativeFunctions> functionsInNamespace;

    ScoringCli(Function<String, KnativeFunctions> functionsInNamespace) {
        this.functionsInNamespace = functionsInNamespace;
    }

    KnativeFunctions functions() {
        return functionsInNamespace.apply(namespace);
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command against the cluster of the current kube context. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        Config config = new ConfigBuilder(Config.autoConfigure(null))
                // A command-line tool answers at once: no retries with backoff on an absent server.
                .withRequestRetryBackoffLimit(0)
                .withConnectionTimeout(5_000)
                .build();
        try (KubernetesClient kubernetes = new KubernetesClientBuilder().withConfig(config)
                .withHttpClientFactory(new JdkHttpClientFactory()).build()) {
            KnativeClient knative = kubernetes.adapt(KnativeClient.class);
            String contextNamespace = config.getNamespace() == null ? "default" : config.getNamespace();
            return execute(ns -> new KnativeFunctions(knative, ns == null ? contextNamespace : ns),
                    config.getMasterUrl(), args, out, err);
        }
    }

    /** Runs one command on the given functions; what the tests call with a client of their own. */
    static int execute(Function<String, KnativeFunctions> functions, String clusterUrl, String[] args,
            PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new ScoringCli(functions));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof CliException failure) {
                cmd.getErr().println("error: " + failure.getMessage());
                return failure.exitCode();
            }
            if (e instanceof KubernetesClientException k) {
                cmd.getErr().println("error: " + describe(k, clusterUrl));
                return CliException.FAILED;
            }
            throw e;
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static String describe(KubernetesClientException e, String clusterUrl) {
        if (e.getCode() > 0) {
            return "the Kubernetes API at " + clusterUrl + " answered " + e.getCode() + ": " + e.getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "cannot reach the Kubernetes API at " + clusterUrl + " (" + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage())
                + "); check the kube context (KUBECONFIG, kubectl cluster-info)";
    }
}
