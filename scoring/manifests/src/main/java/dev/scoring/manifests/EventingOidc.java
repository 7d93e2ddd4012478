package dev.scoring.manifests;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The names Knative Eventing's OIDC authentication gives a function and its senders, computed the way Knative
 * computes them, so that the generated Triggers and the function's own check agree with the cluster:
 * <ul>
 * <li>the audience of a delivery token is the subscriber's {@code group/kind/namespace/name}, in lowercase
 * ({@code GetAudience} in knative.dev/eventing {@code pkg/auth/audience.go}); Knative Serving does not publish
 * an audience for a Service, so the Triggers name it in {@code spec.subscriber.audience};</li>
 * <li>a Trigger's deliveries carry the token of its own OIDC service account, named
 * {@code <trigger>-oidc-eventing.knative.dev-trigger} ({@code GetOIDCServiceAccountNameForResource} in
 * {@code pkg/auth/serviceaccount.go}, via {@code kmeta.ChildName}, which keeps the plain name up to 63
 * characters and hashes longer ones).</li>
 * </ul>
 */
public final class EventingOidc {

    public static final String SERVING_SERVICE = "serving.knative.dev/service";
    private static final String TRIGGER_ACCOUNT_SUFFIX = "-oidc-eventing.knative.dev-trigger";
    private static final int MAX_NAME = 63;

    private EventingOidc() {
    }

    public static String audience(String namespace, String function) {
        return (SERVING_SERVICE + "/" + namespace + "/" + function).toLowerCase(Locale.ROOT);
    }

    /**
     * The token subjects of the Triggers' OIDC service accounts; empty when a name would be longer than 63
     * characters (Knative then shortens it with a hash, not reproduced here), in which case the function accepts
     * any sender with a valid token for its audience.
     */
    public static Optional<List<String>> triggerSenders(String namespace, List<String> triggers) {
        if (triggers.stream().anyMatch(trigger -> (trigger + TRIGGER_ACCOUNT_SUFFIX).length() > MAX_NAME)) {
            return Optional.empty();
        }
        return Optional.of(triggers.stream()
                .map(trigger -> "system:serviceaccount:" + namespace + ":" + trigger + TRIGGER_ACCOUNT_SUFFIX)
                .toList());
    }
}
