package dev.scoring.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.serving.v1.TrafficTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** One line per function: ready state, URL, latest ready revision, traffic split (with tag URLs). */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the scoring functions with their state, URL, revision and traffic.")
class ListCommand implements Callable<Integer> {

    @ParentCommand
    ScoringCli cli;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        KnativeFunctions functions = cli.functions();
        List<Service> services = functions.list();
        if (services.isEmpty()) {
            spec.commandLine().getOut().println("No scoring functions in namespace " + functions.namespace() + ".");
            return 0;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] { "NAME", "READY", "URL", "LATEST READY", "TRAFFIC" });
        for (Service service : services) {
            var status = service.getStatus();
            rows.add(new String[] {
                    service.getMetadata().getName(),
                    KnativeFunctions.readiness(status == null ? null : status.getConditions()),
                    status == null || status.getUrl() == null ? "-" : status.getUrl(),
                    KnativeFunctions.latestReady(service).orElse("-"),
                    traffic(status != null && status.getTraffic() != null ? status.getTraffic()
                            : service.getSpec().getTraffic()) });
        }
        spec.commandLine().getOut().print(Table.format(rows));
        return 0;
    }

    /** {@code iris-00001 90%, iris-2-0-0-00002 10% #canary http://canary-iris...}; "latest" when unpinned. */
    static String traffic(List<TrafficTarget> targets) {
        if (targets == null || targets.isEmpty()) {
            return "-";
        }
        return targets.stream().map(t -> {
            StringBuilder s = new StringBuilder();
            s.append(t.getRevisionName() != null ? t.getRevisionName()
                    : Boolean.TRUE.equals(t.getLatestRevision()) ? "latest" : "?");
            s.append(' ').append(t.getPercent() == null ? 0 : t.getPercent()).append('%');
            if (t.getTag() != null) {
                s.append(" #").append(t.getTag());
                if (t.getUrl() != null) {
                    s.append(' ').append(t.getUrl());
                }
            }
            return s.toString();
        }).collect(Collectors.joining(", "));
    }
}
