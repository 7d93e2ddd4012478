package dev.scoring.manifests.scoringfunction;

import java.io.File;

import io.fabric8.crdv2.generator.CRDGenerator;

/**
 * Writes the ScoringFunction CRD (apiextensions.k8s.io/v1, with its OpenAPI v3 schema and validation rules) from
 * the Java model; the build runs it after compiling, into {@code target/kubernetes}.
 */
public final class CrdWriter {

    private CrdWriter() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CrdWriter <output directory>");
        }
        File directory = new File(args[0]);
        if (!directory.isDirectory() && !directory.mkdirs()) {
            throw new IllegalStateException("cannot create " + directory);
        }
        new CRDGenerator()
                .customResourceClasses(ScoringFunction.class)
                .forCRDVersions("v1")
                .inOutputDir(directory)
                .generate();
    }
}
