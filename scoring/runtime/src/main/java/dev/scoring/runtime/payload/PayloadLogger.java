package dev.scoring.runtime.payload;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.scoring.runtime.ReplyExtensions;
import dev.scoring.runtime.ScoringConfig;
import dev.scoring.runtime.model.LoadedModel;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.http.HttpMessageFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * Sends each scored request and its response, as two binary-mode CloudEvents
 * ({@code dev.scoring.payload.request} and {@code dev.scoring.payload.response}, sharing a
 * {@code correlationid}), to a sink, the way KServe's payload logger does, for auditing and for
 * collecting fresh data to label.
 * <p>
 * It never slows scoring down or makes it fail: scoring only offers the payload to a bounded queue
 * ({@code scoring.payload-log.queue-size}); a single background thread sends. When the sink is slow
 * or dead the queue fills and further payloads are dropped and counted
 * ({@code scoring_payload_log_dropped_total}); failed sends are counted too
 * ({@code scoring_payload_log_failed_total}), sent ones in {@code scoring_payload_log_sent_total}.
 */
@Singleton
public class PayloadLogger {

    private static final Logger LOG = Logger.getLogger(PayloadLogger.class);
    static final String REQUEST_TYPE = "dev.scoring.payload.request";
    static final String RESPONSE_TYPE = "dev.scoring.payload.response";

    private final ScoringConfig.PayloadLogConfig config;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;
    private final URI source;
    private final Optional<String> kSink;

    private BlockingQueue<Entry> queue;
    private URI sink;
    private HttpClient http;
    private Thread sender;
    private Counter sent;
    private Counter failed;
    private Counter dropped;

    private record Entry(String id, LoadedModel model, JsonNode request, Object response) {
    }

    PayloadLogger(ScoringConfig config, ObjectMapper mapper, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.application.name") String function,
            @ConfigProperty(name = "K_SINK") Optional<String> kSink) {
        this.config = config.payloadLog();
        this.mapper = mapper;
        this.registry = registry;
        this.source = URI.create("/functions/" + function);
        this.kSink = kSink;
    }

    /**
     * The token for the sink when Knative Eventing's OIDC authentication is on: the SinkBinding then mounts
     * a token for the sink's audience at {@code scoring.payload-log.sink-token-file}, renewed in place, so it
     * is read for each event. Absent file: no token (Eventing without OIDC, or a plain HTTP sink).
     */
    private Optional<String> sinkToken() {
        java.nio.file.Path file = java.nio.file.Path.of(config.sinkTokenFile());
        try {
            return java.nio.file.Files.isReadable(file)
                    ? Optional.of(java.nio.file.Files.readString(file).trim()).filter(t -> !t.isEmpty())
                    : Optional.empty();
        } catch (java.io.IOException e) {
            LOG.debugf("Cannot read the sink token %s: %s", file, e);
            return Optional.empty();
        }
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        sink = config.sinkUrl().orElseGet(() -> kSink.map(URI::create).orElse(null));
        if (sink == null) {
            LOG.error("Payload logging is on but has no sink: set scoring.payload-log.sink-url (or K_SINK); "
                    + "payloads are not logged");
            return;
        }
        sent = Counter.builder("scoring.payload.log.sent").description("Payload events delivered to the sink")
                .register(registry);
        failed = Counter.builder("scoring.payload.log.failed")
                .description("Payload events the sink refused or did not answer in time").register(registry);
        dropped = Counter.builder("scoring.payload.log.dropped")
                .description("Payloads dropped because the queue was full (slow or dead sink)").register(registry);
        queue = new ArrayBlockingQueue<>(config.queueSize());
        http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
        sender = new Thread(this::sendLoop, "scoring-payload-log");
        sender.setDaemon(true);
        sender.start();
        LOG.infof("Payload logging to %s (sample rate %s, queue %d)", sink, config.sampleRate(), config.queueSize());
    }

    /** Called on the scoring path: never blocks, never throws. */
    public void log(LoadedModel model, JsonNode request, Object response) {
        if (queue == null || ThreadLocalRandom.current().nextDouble() >= config.sampleRate()) {
            return;
        }
        if (!queue.offer(new Entry(UUID.randomUUID().toString(), model, request, response))) {
            dropped.increment();
        }
    }

    private void sendLoop() {
        while (!Thread.currentThread().isInterrupted()) {
            Entry entry;
            try {
                entry = queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (entry != null) {
                send(entry, REQUEST_TYPE, entry.request());
                send(entry, RESPONSE_TYPE, entry.response());
            }
        }
    }

    private void send(Entry entry, String type, Object data) {
        try {
            CloudEvent event = CloudEventBuilder.v1()
                    .withId(entry.id() + (type.equals(REQUEST_TYPE) ? "-request" : "-response"))
                    .withType(type)
                    .withSource(source)
                    .withExtension(ReplyExtensions.CORRELATION_ID, entry.id())
                    .withExtension("model", entry.model().name())
                    .withExtension("modelversion", entry.model().version())
                    .withData("application/json", mapper.writeValueAsBytes(data))
                    .build();
            // Binary mode, written by the CloudEvents SDK's HTTP binding into the JDK client's request.
            HttpRequest.Builder builder = HttpRequest.newBuilder(sink).timeout(config.timeout());
            HttpMessageFactory.createWriter(builder::header,
                    body -> builder.POST(HttpRequest.BodyPublishers.ofByteArray(body))).writeBinary(event);
            sinkToken().ifPresent(token -> builder.header("Authorization", "Bearer " + token));
            HttpRequest request = builder.build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() >= 200 && response.statusCode() < 300) {
                sent.increment();
            } else {
                failed.increment();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failed.increment();
        }
    }

    @PreDestroy
    void stop() {
        if (sender != null) {
            sender.interrupt();
        }
    }
}
