package dev.scoring.runtime.v2;

import dev.scoring.runtime.Channel;
import dev.scoring.runtime.ServedModel;
import dev.scoring.runtime.http.RequestLog;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.annotations.Recorder;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Makes the handlers of the Open Inference Protocol routes the extension's deployment module registers at
 * build time, each a method of {@link V2Routes}. Like every route of the extension, they run on the event
 * loop; their refusals are answered by the HTTP adapter's failure handler in the protocol's error shape.
 */
@Recorder
public class V2RoutesRecorder {

    /** The protocol's endpoints. */
    public enum Endpoint {
        SERVER_METADATA,
        SERVER_LIVE,
        SERVER_READY,
        MODEL_METADATA,
        MODEL_READY,
        INFER
    }

    public Handler<RoutingContext> handler(Endpoint endpoint) {
        V2Routes v2 = Arc.container().instance(V2Routes.class).get();
        return switch (endpoint) {
            case SERVER_METADATA -> v2::serverMetadata;
            case SERVER_LIVE -> v2::serverLive;
            case SERVER_READY -> v2::serverReady;
            case MODEL_METADATA -> v2::modelMetadata;
            case MODEL_READY -> v2::modelReady;
            case INFER -> {
                ServedModel models = Arc.container().instance(ServedModel.class).get();
                yield rc -> {
                    RequestLog.install(rc, models, Channel.V2);
                    v2.infer(rc);
                };
            }
        };
    }
}
