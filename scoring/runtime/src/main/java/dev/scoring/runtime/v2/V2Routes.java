package dev.scoring.runtime.v2;

import java.util.List;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.scoring.runtime.Channel;
import dev.scoring.runtime.JsonInput;
import dev.scoring.runtime.Refusal;
import dev.scoring.runtime.ScoreResult;
import dev.scoring.runtime.ScoringException;
import dev.scoring.runtime.ScoringService;
import dev.scoring.runtime.ServedModel;
import dev.scoring.runtime.model.LoadedModel;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * The Open Inference Protocol (KServe V2, REST) beside the function's own JSON API, so that KServe,
 * Seldon and Triton clients work unchanged: server and model health, model metadata and
 * {@code infer}, each model path also under {@code /versions/{version}}; the extension registers a
 * route for each at build time ({@link V2RoutesRecorder}). Errors are {@code {"error": "..."}} (written
 * by {@link dev.scoring.runtime.http.ErrorResponder} for {@code /v2} paths). Scoring goes through the
 * same validation, model and metrics as every other channel ({@code channel="v2"}).
 */
@Singleton
public class V2Routes {

    private final ServedModel models;
    private final ScoringService scoring;
    private final ObjectMapper mapper;
    private final String functionName;

    V2Routes(ServedModel models, ScoringService scoring, ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.application.name") String functionName) {
        this.models = models;
        this.scoring = scoring;
        this.mapper = mapper;
        this.functionName = functionName;
    }

    /** {@code GET /v2}: the server's name and protocol version. */
    public void serverMetadata(RoutingContext rc) {
        ObjectNode m = mapper.createObjectNode();
        m.put("name", functionName);
        m.put("version", "2");
        m.putArray("extensions");
        write(rc, 200, m);
    }

    /** {@code GET /v2/health/live}: the server answers, so it is live. */
    public void serverLive(RoutingContext rc) {
        write(rc, 200, mapper.createObjectNode().put("live", true));
    }

    /** {@code GET /v2/health/ready}, per the protocol: 200 means true, a 4xx means false. */
    public void serverReady(RoutingContext rc) {
        boolean ready = models.isReady();
        write(rc, ready ? 200 : 400, mapper.createObjectNode().put("ready", ready));
    }

    /** {@code GET /v2/models/{name}[/versions/{version}]}: the model's inputs and outputs. */
    public void modelMetadata(RoutingContext rc) {
        guarded(rc, () -> write(rc, 200, V2Responses.metadata(resolve(rc).descriptor())));
    }

    /** {@code GET /v2/models/{name}[/versions/{version}]/ready}. */
    public void modelReady(RoutingContext rc) {
        guarded(rc, () -> {
            String name = rc.pathParam("name");
            if (models.isReady()) {
                LoadedModel model = resolve(rc);
                write(rc, 200, mapper.createObjectNode().put("name", model.name()).put("ready", true));
            } else if (name.equals(functionName)) {
                write(rc, 400, mapper.createObjectNode().put("name", name).put("ready", false));
            } else {
                throw unknownModel(name);
            }
        });
    }

    /** {@code POST /v2/models/{name}[/versions/{version}]/infer}: scores the request's tensors, on the event loop. */
    public void infer(RoutingContext rc) {
        guarded(rc, () -> {
            LoadedModel model = resolve(rc);
            Buffer body = rc.body().buffer();
            JsonNode request = JsonInput.V2_BODY.read(mapper, body == null ? null : body.getBytes());
            List<ScoreResult> results = scoring.scoreRows(
                    V2Tensors.toRows(request, List.of(model.featureNames())), Channel.V2);
            write(rc, 200, V2Responses.inference(request, model.descriptor(), results));
        });
    }

    /** The served model, if the path names it (and its version, when given). */
    private LoadedModel resolve(RoutingContext rc) {
        String name = rc.pathParam("name");
        String version = rc.pathParam("version");
        LoadedModel model = models.require();
        if (!model.name().equals(name)) {
            throw unknownModel(name);
        }
        if (version != null && !model.version().equals(version)) {
            throw new ScoringException(Refusal.UNKNOWN_MODEL_VERSION, null,
                    "model '" + name + "' has version " + model.version() + ", not " + version);
        }
        return model;
    }

    private static ScoringException unknownModel(String name) {
        return new ScoringException(Refusal.UNKNOWN_MODEL, null, "this function serves no model named '" + name + "'");
    }


    private static void guarded(RoutingContext rc, Runnable action) {
        try {
            action.run();
        } catch (ScoringException e) {
            rc.fail(e);
        }
    }

    private void write(RoutingContext rc, int status, JsonNode body) {
        try {
            rc.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(Buffer.buffer(mapper.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            rc.fail(e);
        }
    }
}
