package dev.scoring.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Run-time configuration of a scoring function. Defaults that depend on the function's name live in
 * the extension's {@code META-INF/microprofile-config.properties}; a function overrides any key in
 * its own {@code application.properties}.
 */
@ConfigMapping(prefix = "scoring")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface ScoringConfig {

    /**
     * Where the model is loaded from.
     */
    ModelConfig model();

    /**
     * Request limits.
     */
    LimitsConfig limits();

    /**
     * Drift detection.
     */
    DriftConfig drift();

    /**
     * Explanations.
     */
    ExplainConfig explain();

    /**
     * Payload logging: requests and responses sent as CloudEvents to a sink, like KServe's logger.
     */
    PayloadLogConfig payloadLog();

    /**
     * The direct Kafka path: the function consumes its input topics itself (no Knative Eventing).
     */
    KafkaConfig kafka();

    /**
     * Bearer-token authentication of the scoring paths (docs/security.md).
     */
    AuthConfig auth();

    interface AuthConfig {
        /**
         * Require a valid bearer JWT on {@code /predict}, {@code /explain}, {@code /v2/models/*} and CloudEvents
         * posted to {@code /}; the issuer, audience and keys are Quarkus OIDC's {@code quarkus.oidc.*} keys.
         * Health stays open for the kubelet and the queue-proxy. Off by default: the generated Service is
         * cluster-local and a NetworkPolicy admits only Knative's data plane. Needs a function built with
         * Quarkus OIDC ({@code quarkus.oidc.enabled=true}, a build-time key); a build without it refuses to
         * start with this key on.
         */
        @WithDefault("false")
        boolean enabled();

        /**
         * A role (the token's {@code groups} claim, or {@code quarkus.oidc.roles.role-claim-path}) that
         * {@code POST /explain} requires on top of a valid token; any valid token when absent.
         */
        java.util.Optional<String> explainRole();

        /**
         * Also require a token on {@code /q/metrics}; off leaves metrics to the NetworkPolicy, which admits
         * only the scraper's namespaces ({@code scoring-knative.network-policy.scraper-namespaces}).
         */
        @WithDefault("true")
        boolean protectMetrics();

        /**
         * Knative Eventing's OIDC delivery tokens on CloudEvents posted to {@code /} (docs/security.md
         * "Authenticated event delivery").
         */
        EventingAuthConfig eventing();

        /** Remembering tokens already verified, so that a caller's next request is not verified again. */
        TokenCacheConfig tokenCache();
    }

    interface TokenCacheConfig {
        /**
         * How many verified tokens to remember; {@code 0} verifies every request's token. A token is found again
         * only by its exact text (a SHA-256 of it), so a forged or altered token is never taken from here.
         */
        @WithDefault("1000")
        int size();

        /**
         * How long a verified token is remembered at most; never past its own expiry. Bounds how long a token
         * signed with a key the issuer has since withdrawn from its JWKS is still accepted.
         */
        @WithDefault("60S")
        Duration maxAge();
    }

    interface EventingAuthConfig {
        /**
         * Accept, on {@code /} only, the tokens Knative Eventing sends with each delivery when its OIDC
         * authentication is on: service-account tokens of the cluster, verified against the cluster's keys.
         * Needs {@code scoring.auth.enabled}. A generated deployment sets it with
         * {@code scoring-knative.eventing.oidc}.
         */
        @WithDefault("false")
        boolean enabled();

        /**
         * The audience Knative puts into delivery tokens for this function: {@code
         * serving.knative.dev/service/<namespace>/<function>} (lowercase group/kind/namespace/name). Required when
         * enabled; the generated deployment sets it.
         */
        Optional<String> audience();

        /**
         * The issuer of the cluster's service-account tokens ({@code kubectl get --raw
         * /.well-known/openid-configuration}); it differs between clusters, e.g. on managed ones.
         */
        @WithDefault("https://kubernetes.default.svc.cluster.local")
        String issuer();

        /**
         * Where the cluster's service-account signing keys are (the API server's JWKS); fetched with the pod's
         * own service-account token.
         */
        @WithDefault("https://kubernetes.default.svc/openid/v1/jwks")
        String jwksUrl();

        /**
         * The senders allowed to deliver, as token subjects {@code system:serviceaccount:<namespace>:<name>}
         * (Knative's OIDC service accounts of the function's Triggers); any sender with a valid token when absent.
         */
        Optional<List<String>> allowedSenders();

        /** The pod's own service-account token, sent when fetching the cluster's keys; re-read each time. */
        @WithDefault("/var/run/secrets/kubernetes.io/serviceaccount/token")
        String serviceAccountToken();
    }

    interface KafkaConfig {
        /**
         * Consume {@code mp.messaging.incoming.scoring-requests.topics} and write scored events to
         * {@code mp.messaging.outgoing.scoring-results.topic}. Off by default: a function deployed as a
         * Knative Service gets its records from a KafkaSource and must be able to scale to zero.
         */
        @WithDefault("false")
        boolean enabled();

        /**
         * Attempts at scoring a record while the failure is transient (the model is not ready), before
         * the record goes to the dead-letter topic.
         */
        @WithDefault("8")
        int retries();

        /**
         * Wait before the first retry; it doubles at each attempt up to {@code retry-max-backoff}.
         */
        @WithDefault("200ms")
        Duration retryBackoff();

        /**
         * Longest wait between two retries.
         */
        @WithDefault("5s")
        Duration retryMaxBackoff();

        /**
         * Batches handed to the producer whose events the broker has not acknowledged yet, before the next
         * poll waits: deep enough that consuming, scoring and producing overlap, bounded so that a slow
         * broker holds back the consumer instead of filling memory (at most this many times
         * {@code max.poll.records} events in flight).
         */
        @WithDefault("4")
        int maxInFlightBatches();

        /**
         * How the direct path's clients talk to the brokers. With a generated deployment it comes from the
         * credentials Secret's {@code protocol} key ({@code scoring-knative.kafka.credentials-secret}).
         */
        @WithDefault("PLAINTEXT")
        SecurityProtocol securityProtocol();

        /**
         * SASL authentication, used when the security protocol is {@code SASL_PLAINTEXT} or {@code SASL_SSL}.
         */
        SaslConfig sasl();

        /**
         * TLS, used when the security protocol is {@code SSL} or {@code SASL_SSL}.
         */
        TlsConfig tls();

        /** Kafka's {@code security.protocol} values. */
        enum SecurityProtocol {
            PLAINTEXT,
            SSL,
            SASL_PLAINTEXT,
            SASL_SSL;

            public boolean sasl() {
                return this == SASL_PLAINTEXT || this == SASL_SSL;
            }

            public boolean tls() {
                return this == SSL || this == SASL_SSL;
            }
        }

        interface SaslConfig {
            /**
             * The SASL mechanism ({@code PLAIN}, {@code SCRAM-SHA-256}, {@code SCRAM-SHA-512}); the Secret's
             * {@code sasl.mechanism} key.
             */
            @WithDefault("SCRAM-SHA-512")
            SaslMechanism mechanism();

            /**
             * The user name; the Secret's {@code user} key. Never put it in a repository's configuration.
             */
            java.util.Optional<String> username();

            /**
             * The password; the Secret's {@code password} key. Never put it in a repository's configuration.
             */
            java.util.Optional<String> password();
        }

        /** The SASL mechanisms the direct path supports, with Kafka's names. */
        enum SaslMechanism {
            PLAIN("PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule"),
            SCRAM_SHA_256("SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule"),
            SCRAM_SHA_512("SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule");

            private final String kafkaName;
            private final String loginModule;

            SaslMechanism(String kafkaName, String loginModule) {
                this.kafkaName = kafkaName;
                this.loginModule = loginModule;
            }

            public String kafkaName() {
                return kafkaName;
            }

            public String loginModule() {
                return loginModule;
            }
        }

        interface TlsConfig {
            /**
             * PEM certificates of the CA(s) the brokers' certificates are checked against: the content, e.g.
             * the Secret's {@code ca.crt} key. Absent: the JVM's default trust store.
             */
            java.util.Optional<String> caCertificates();
        }
    }

    interface PayloadLogConfig {
        /**
         * Send each scored request and its response to {@code sink-url}. Off by default: payloads hold
         * feature values.
         */
        @WithDefault("false")
        boolean enabled();

        /**
         * Where to POST the events (binary-mode CloudEvents), e.g. the Broker's ingress URL. When absent,
         * {@code K_SINK} (set by a Knative SinkBinding) is used.
         */
        java.util.Optional<java.net.URI> sinkUrl();

        /**
         * Fraction of scored requests logged, from 0 to 1.
         */
        @WithDefault("1.0")
        double sampleRate();

        /**
         * Requests waiting to be sent; when the queue is full (a slow or dead sink) new ones are dropped
         * and counted, never waited for.
         */
        @WithDefault("1000")
        int queueSize();

        /**
         * Longest the sender waits for the sink per event.
         */
        @WithDefault("2s")
        Duration timeout();

        /**
         * A bearer token for the sink, read for each event when the file exists: where Knative's SinkBinding
         * mounts the OIDC token for the Broker when Eventing's OIDC authentication is on.
         */
        @WithDefault("/oidc/token")
        String sinkTokenFile();
    }

    interface ExplainConfig {
        /**
         * Perturbed samples LIME draws per explanation (classifiers that are not linear).
         */
        @WithDefault("500")
        int samples();

        /**
         * Longest an explanation may take; past it the request gets HTTP 503 {@code explanation_timeout}.
         */
        @WithDefault("2s")
        Duration timeout();

        /**
         * At most this many explanations are computed at once; the others wait their turn.
         */
        @WithDefault("2")
        int concurrency();

        /**
         * Seed of LIME's sampling: the same row always gets the same explanation.
         */
        @WithDefault("42")
        long seed();
    }

    interface DriftConfig {
        /**
         * Number of most recent scored rows the drift gauges compare with the training distribution.
         */
        @WithDefault("500")
        int window();
    }

    interface ModelConfig {
        /**
         * Directory holding {@code descriptor.json} and the model file it names: {@code classpath:<dir>}
         * for a model packaged in the function (the default), or a file-system path for a mounted one.
         */
        @WithDefault("classpath:model")
        String location();

        /**
         * The SHA-256 of the model file the deployment expects (the generated manifests set it to the packaged
         * model's, a ScoringFunction to its {@code spec.model.sha256}): another model keeps readiness DOWN and
         * scoring refused with 503, so that a rollout of the wrong image fails instead of serving it. Absent:
         * not checked.
         */
        Optional<String> expectedSha256();
    }

    interface LimitsConfig {
        /**
         * Largest number of rows in one batch request; larger batches get HTTP 413.
         */
        @WithDefault("1000")
        int maxBatchSize();

        /**
         * Largest request body; larger bodies get HTTP 413. Also applied as
         * {@code quarkus.http.limits.max-body-size}.
         */
        @WithDefault("1M")
        MemorySize maxBodySize();
    }
}
