package dev.scoring.deployment;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import io.quarkus.arc.deployment.BeanContainerBuildItem;
import io.quarkus.arc.deployment.SyntheticBeansRuntimeInitBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.Consume;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.ShutdownContextBuildItem;
import io.quarkus.funqy.deployment.FunctionBuildItem;
import io.quarkus.funqy.deployment.FunctionInitializedBuildItem;
import io.quarkus.vertx.http.deployment.FilterBuildItem;
import io.quarkus.vertx.http.deployment.RequireBodyHandlerBuildItem;
import io.quarkus.vertx.http.deployment.RouteBuildItem;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.Handler;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;

import dev.scoring.runtime.http.FunctionRoutesRecorder;
import dev.scoring.runtime.v2.V2RoutesRecorder;
import dev.scoring.runtime.v2.V2RoutesRecorder.Endpoint;

/**
 * The extension's HTTP binding of its Funqy functions, in place of Funqy's own HTTP and Knative Events
 * bindings: one route per plain JSON function ({@code /predict}, {@code /explain}), one at {@code /} for
 * CloudEvents routed by type to the event functions, the Open Inference Protocol routes, a JSON failure
 * handler on every path and a JSON 404 after every route. Which function takes which type is decided here,
 * from Funqy's mapping keys, so a type the build wrote into a Trigger is a type the function answers.
 */
class FunctionBindingProcessor {

    /** How a method descriptor names a parameter of the CloudEvents SDK's event type. */
    private static final String CLOUD_EVENT = "Lio/cloudevents/CloudEvent;";
    private static final String V2_MODEL = "/v2/models/:name";
    private static final String V2_MODEL_VERSION = "/v2/models/:name/versions/:version";

    @BuildStep
    RequireBodyHandlerBuildItem readBodies() {
        return new RequireBodyHandlerBuildItem();
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    @Consume(SyntheticBeansRuntimeInitBuildItem.class) // the handlers hold the served model
    void routes(FunctionRoutesRecorder recorder, V2RoutesRecorder v2, List<FunctionBuildItem> functions,
            Optional<FunctionInitializedBuildItem> registered, FunqyEventMappingConfig mapping,
            BeanContainerBuildItem beans, ShutdownContextBuildItem shutdown, BuildProducer<RouteBuildItem> routes) {
        if (registered.isEmpty()) {
            throw new IllegalStateException("No @Funq function was found: the scoring functions are missing");
        }
        Map<String, String> plainByPath = new TreeMap<>();
        Map<String, String> eventByType = new TreeMap<>();
        Set<String> names = new HashSet<>();
        for (FunctionBuildItem function : functions) {
            String name = function.getFunctionName() == null ? function.getMethodName() : function.getFunctionName();
            names.add(name);
            if (function.getDescriptor().contains(CLOUD_EVENT)) {
                String type = triggerOf(name, mapping);
                String taken = eventByType.put(type, name);
                if (taken != null) {
                    throw new IllegalStateException("Events of type '" + type + "' are mapped to two functions, '"
                            + taken + "' and '" + name + "' (quarkus.funqy.knative-events.mapping.*.trigger)");
                }
            } else {
                plainByPath.put("/" + name, name);
            }
        }
        for (String mapped : mapping.mapping().keySet()) {
            if (!names.contains(mapped)) {
                throw new IllegalStateException("quarkus.funqy.knative-events.mapping." + mapped
                        + " names no function");
            }
        }

        var functionRoute = recorder.functions(plainByPath, eventByType, beans.getValue(), shutdown);
        routes.produce(RouteBuildItem.builder().route("/").handler(functionRoute).build());
        for (String path : plainByPath.keySet()) {
            routes.produce(RouteBuildItem.builder().route(path).handler(functionRoute).build());
        }

        route(routes, recorder.method("GET"), "/v2", v2.handler(Endpoint.SERVER_METADATA));
        route(routes, recorder.method("GET"), "/v2/health/live", v2.handler(Endpoint.SERVER_LIVE));
        route(routes, recorder.method("GET"), "/v2/health/ready", v2.handler(Endpoint.SERVER_READY));
        for (String model : List.of(V2_MODEL, V2_MODEL_VERSION)) {
            route(routes, recorder.method("GET"), model, v2.handler(Endpoint.MODEL_METADATA));
            route(routes, recorder.method("GET"), model + "/ready", v2.handler(Endpoint.MODEL_READY));
            route(routes, recorder.method("POST"), model + "/infer", v2.handler(Endpoint.INFER));
        }

        // A failed request on any path gets a JSON refusal (Vert.x restarts routing at the first route when a
        // request fails, whatever the failure handler's route order); Quarkus' own /q/ paths keep their own.
        routes.produce(RouteBuildItem.builder().routeFunction(recorder.everyPath()).handler(recorder.errors())
                .failureRoute().build());
        routes.produce(RouteBuildItem.builder().routeFunction(recorder.afterEveryRoute()).handler(recorder.notFound())
                .build());
    }

    /**
     * With authentication on, a request to a protected path without any credential is refused with the JSON
     * 401 of a bad token, just before Quarkus' authentication would answer it with an empty challenge.
     */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    FilterBuildItem missingCredential(FunctionRoutesRecorder recorder) {
        return new FilterBuildItem(recorder.missingCredential(), SecurityHandlerPriorities.AUTHENTICATION + 1);
    }

    private static void route(BuildProducer<RouteBuildItem> routes, Consumer<Route> method, String path,
            Handler<RoutingContext> handler) {
        routes.produce(RouteBuildItem.builder().routeFunction(path, method).handler(handler).build());
    }

    private static String triggerOf(String function, FunqyEventMappingConfig mapping) {
        FunqyEventMappingConfig.FunctionMapping configured = mapping.mapping().get(function);
        return configured == null ? function : configured.trigger().orElse(function);
    }
}
