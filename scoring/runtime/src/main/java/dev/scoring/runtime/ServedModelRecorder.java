package dev.scoring.runtime;

import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.scoring.runtime.model.ModelDescriptor;
import dev.scoring.runtime.model.PackagedModelOutcome;
import io.quarkus.arc.SyntheticCreationalContext;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;

/**
 * Makes the {@link ServedModel}: the packaged model, which the build verified, is loaded during static initialization
 * (in a native executable: while the image is built, so the model is in the image heap), and the bean is
 * made from it, or from {@code scoring.model.location}, at start-up.
 */
@Recorder
public class ServedModelRecorder {

    /**
     * @param descriptor the packaged model's descriptor as the build verified it, recorded into the
     *        application's bytecode, so that no JSON is parsed for it at start-up
     */
    public RuntimeValue<PackagedModelOutcome> loadPackagedModel(ModelDescriptor descriptor, String location) {
        return new RuntimeValue<>(PackagedModelOutcome.load(descriptor, location));
    }

    /** @param packaged the static-init outcome, or {@code null} when the build packaged no model */
    public Function<SyntheticCreationalContext<ServedModel>, ServedModel> servedModel(
            RuntimeValue<PackagedModelOutcome> packaged) {
        return context -> ServedModel.serve(packaged == null ? null : packaged.getValue(),
                context.getInjectedReference(ScoringConfig.class), context.getInjectedReference(ObjectMapper.class));
    }
}
