package dev.scoring.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A new model version as a new, explicitly named revision that gets a canary share of the traffic. */
@Command(name = "rollout", mixinStandardHelpOptions = true, description = "Roll out a new image (model version) as a canary revision with a traffic split.")
class RolloutCommand implements Callable<Integer> {

    @ParentCommand
    ScoringCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FUNCTION", description = "The function (Knative Service) name.")
    String function;

    @Option(names = "--image", required = true, description = "Container image of the new revision.")
    String image;

    @Option(names = "--model-version", description = "Model version: in the revision's name and its scoring.dev/model-version label.")
    String modelVersion;

    @Option(names = "--canary", required = true, paramLabel = "PERCENT",
            description = "Share of the traffic for the new revision, 0 to 100; the latest ready revision keeps the rest.")
    int canaryPercent;

    @Option(names = "--tag", defaultValue = "canary",
            description = "Tag of the new revision: its own URL, e.g. http://canary-<function>.<namespace>... (default: ${DEFAULT-VALUE}).")
    String tag;

    @Override
    public Integer call() {
        if (canaryPercent < 0 || canaryPercent > 100) {
            throw new ParameterException(spec.commandLine(),
                    "--canary must be a percentage from 0 to 100, not " + canaryPercent);
        }
        if (!tag.matches("[a-z]([-a-z0-9]*[a-z0-9])?")) {
            throw new ParameterException(spec.commandLine(),
                    "--tag must be a DNS label (lower case letters, digits, '-'), not '" + tag + "'");
        }
        KnativeFunctions functions = cli.functions();
        String revision = functions.rollout(function, image, modelVersion, canaryPercent, tag);
        spec.commandLine().getOut().printf(
                "Rolled out %s as revision %s: %d%% of the traffic (tag '%s'), %d%% stays on the latest ready revision.%n"
                        + "The tagged URL appears in 'scoring-cli list' once Knative has made the revision ready.%n",
                function, revision, canaryPercent, tag, 100 - canaryPercent);
        return 0;
    }
}
