package dev.scoring.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Back to the version before the last rollout: all traffic to the previous ready revision. */
@Command(name = "rollback", mixinStandardHelpOptions = true, description = "Send 100%% of the traffic to the revision before the latest one.")
class RollbackCommand implements Callable<Integer> {

    @ParentCommand
    ScoringCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FUNCTION", description = "The function (Knative Service) name.")
    String function;

    @Override
    public Integer call() {
        String revision = cli.functions().rollback(function);
        spec.commandLine().getOut().printf("Rolled back %s: revision %s gets 100%% of the traffic.%n", function,
                revision);
        return 0;
    }
}
