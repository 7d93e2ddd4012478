package dev.scoring.runtime.model;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.annotations.Recorder;

/**
 * Loads the packaged model during static initialization; see {@link EmbeddedModel}. A plain
 * {@link ObjectMapper} reads the descriptor: the application's own mapper is a CDI bean, which does
 * not exist yet at static init.
 */
@Recorder
public class ModelRecorder {

    public void embedPackagedModel(String location) {
        try {
            EmbeddedModel.loaded(location, new ModelLoader(new ObjectMapper()).load(location));
        } catch (ModelLoadException e) {
            EmbeddedModel.failed(location, e.getMessage());
        }
    }
}
