package dev.scoring.manifests.scoringfunction;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** The model a function serves, as its descriptor in models/&lt;name&gt;/ names it. */
public class ModelReference {

    @Required
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    @JsonPropertyDescription("Model name; also the function's name stem in its CloudEvent types.")
    public String name;

    @Required
    @Pattern("^\\S+$")
    @JsonPropertyDescription("Model version, as its descriptor states it.")
    public String version;

    @Required
    @Pattern("^[0-9a-f]{64}$")
    @JsonPropertyDescription("SHA-256 of the model file, lowercase hex.")
    public String sha256;
}
