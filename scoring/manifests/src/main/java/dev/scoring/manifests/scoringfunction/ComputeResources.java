package dev.scoring.manifests.scoringfunction;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Requests and limits of the function's container. */
public class ComputeResources {

    @JsonPropertyDescription("What the scheduler reserves.")
    public Compute requests = new Compute("250m", "256Mi");

    @JsonPropertyDescription("What the container may use at most.")
    public Compute limits = new Compute("1000m", "512Mi");

    /** A CPU and a memory quantity. */
    public static class Compute {

        private static final String QUANTITY = "^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?$";

        @io.fabric8.generator.annotation.Pattern(QUANTITY)
        @JsonPropertyDescription("CPU, e.g. 250m or 1.")
        public String cpu;

        @io.fabric8.generator.annotation.Pattern(QUANTITY)
        @JsonPropertyDescription("Memory, e.g. 256Mi.")
        public String memory;

        public Compute() {
        }

        public Compute(String cpu, String memory) {
            this.cpu = cpu;
            this.memory = memory;
        }
    }
}
