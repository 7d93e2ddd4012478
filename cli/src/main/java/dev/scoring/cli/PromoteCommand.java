package dev.scoring.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The canary becomes the version: all traffic to the latest revision. */
@Command(name = "promote", mixinStandardHelpOptions = true, description = "Send 100%% of the traffic to the latest revision (it must be ready).")
class PromoteCommand implements Callable<Integer> {

    @ParentCommand
    ScoringCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FUNCTION", description = "The function (Knative Service) name.")
    String function;

    @Override
    public Integer call() {
        String revision = cli.functions().promote(function);
        spec.commandLine().getOut().printf("Promoted %s: revision %s (latest) gets 100%% of the traffic.%n",
                function, revision);
        return 0;
    }
}
