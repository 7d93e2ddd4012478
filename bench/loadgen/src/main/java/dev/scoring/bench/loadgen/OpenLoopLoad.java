package dev.scoring.bench.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

/**
 * Open-loop load: request {@code i} is due at {@code start + i / rate}, whether or not earlier
 * requests have been answered, and its latency is measured from that due time to the end of its
 * answer. A server that stalls for 100 ms therefore shows 100 ms of latency on every request due in
 * that time (queued in the client's connection pool), not on one request only, which is what a
 * closed-loop tool such as wrk reports (coordinated omission). A sender thread parks until the next
 * due time and hands the requests then due to the event loop; how late each request was actually
 * sent is recorded too ({@code send_lag_us}), and that lag is part of the latency, never subtracted.
 */
public final class OpenLoopLoad {

    private static final long HIGHEST_TRACKABLE_US = TimeUnit.SECONDS.toMicros(120);
    private static final long DRAIN_TIMEOUT_SECONDS = 25;
    /** A request without an answer after this long counts as an error (it does not hang the run). */
    private static final long REQUEST_TIMEOUT_SECONDS = 10;
    /**
     * Idle connections are closed by the client before any server's keep-alive timeout (uvicorn's is
     * 5 s), so a request never races a server closing its connection.
     */
    private static final int CLIENT_KEEP_ALIVE_SECONDS = 3;

    private final LoadSettings settings;
    private final Histogram latencyUs = new SynchronizedHistogram(HIGHEST_TRACKABLE_US, 3);
    private final Histogram sendLagUs = new SynchronizedHistogram(HIGHEST_TRACKABLE_US, 3);
    private final Map<String, AtomicLong> outcomes = new java.util.concurrent.ConcurrentHashMap<>();

    OpenLoopLoad(LoadSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        LoadSettings settings;
        try {
            settings = LoadSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        JsonObject result = new OpenLoopLoad(settings).run();
        if (settings.out() == null) {
            System.out.println(result.encodePrettily());
        } else {
            Files.writeString(settings.out(), result.encodePrettily());
        }
        System.exit(0);
    }

    JsonObject run() throws IOException, InterruptedException {
        Buffer body = Buffer.buffer(Files.readAllBytes(settings.body()));
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("content-type", "application/json");
        settings.headers().forEach(headers::set);
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST)
                .setHost(settings.url().getHost()).setPort(settings.url().getPort())
                .setURI(settings.url().getRawPath()).setHeaders(headers)
                .setConnectTimeout(TimeUnit.SECONDS.toMillis(REQUEST_TIMEOUT_SECONDS)) // includes the wait for a pooled connection
                .setIdleTimeout(TimeUnit.SECONDS.toMillis(REQUEST_TIMEOUT_SECONDS));

        // One event loop: the load generator gets one core in bench/suite.py.
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setKeepAliveTimeout(CLIENT_KEEP_ALIVE_SECONDS),
                new PoolOptions().setHttp1MaxSize(settings.connections()).setMaxWaitQueueSize(-1));

        long total = Math.round(settings.rate() * settings.durationSeconds());
        long warmupRequests = Math.round(settings.rate() * settings.warmupSeconds());
        double intervalNanos = 1e9 / settings.rate();
        CountDownLatch done = new CountDownLatch((int) total);
        // Every request is created and answered on this one event-loop context, so no callback can
        // race the client's own I/O thread.
        Context context = vertx.getOrCreateContext();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long next = 0;
        while (next < total) {
            long now = System.nanoTime();
            long due = start + (long) (next * intervalNanos);
            if (due > now) {
                LockSupport.parkNanos(due - now);
                continue;
            }
            // Hand every request due by now to the event loop at once: one wake-up per batch, not
            // per request, keeps the generator's own cost low at high rates.
            long from = next;
            long to = Math.min(total, (long) Math.floor((now - start) / intervalNanos) + 1);
            context.runOnContext(ignored -> {
                for (long i = from; i < to; i++) {
                    send(client, request, body, start + (long) (i * intervalNanos), i >= warmupRequests, done);
                }
            });
            next = to;
        }
        long sendEnd = System.nanoTime();
        boolean drained = done.await(DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        client.close();
        vertx.close();
        return summary(total - warmupRequests, drained ? 0 : done.getCount(),
                (sendEnd - start) / 1e9);
    }

    private void send(HttpClient client, RequestOptions request, Buffer body, long due, boolean recorded,
            CountDownLatch done) {
        if (recorded) {
            sendLagUs.recordValue(Math.min(HIGHEST_TRACKABLE_US, (System.nanoTime() - due) / 1000));
        }
        client.request(request)
                .compose(req -> req.send(body))
                .compose(resp -> resp.body().map(ignored -> resp.statusCode()))
                .onComplete(answer -> {
                    if (recorded) {
                        String outcome = answer.succeeded() ? String.valueOf(answer.result())
                                : answer.cause().getClass().getSimpleName();
                        outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
                        if (answer.succeeded() && answer.result() == 200) {
                            latencyUs.recordValue(Math.min(HIGHEST_TRACKABLE_US, (System.nanoTime() - due) / 1000));
                        }
                    }
                    done.countDown();
                });
    }

    private JsonObject summary(long recordedRequests, long unanswered, double sendSeconds) {
        Map<String, Long> byOutcome = new TreeMap<>();
        outcomes.forEach((k, v) -> byOutcome.put(k, v.get()));
        long ok = byOutcome.getOrDefault("200", 0L);
        JsonObject settingsJson = new JsonObject()
                .put("url", settings.url().toString())
                .put("body", settings.body().getFileName().toString())
                .put("headers", new JsonObject(Map.copyOf(settings.headers())))
                .put("rate_per_s", settings.rate())
                .put("duration_s", settings.durationSeconds())
                .put("warmup_s", settings.warmupSeconds())
                .put("connections", settings.connections());
        return new JsonObject()
                .put("tool", "bench/loadgen (open loop, Vert.x HTTP client, HdrHistogram)")
                .put("settings", settingsJson)
                .put("requests_recorded", recordedRequests)
                .put("ok", ok)
                .put("errors", recordedRequests - ok)
                .put("unanswered_after_drain", unanswered)
                .put("outcomes", new JsonObject(Map.copyOf(byOutcome)))
                .put("achieved_send_rate_per_s", (recordedRequests + Math.round(settings.rate() * settings.warmupSeconds()))
                        / Math.max(sendSeconds, 1e-9))
                .put("latency_us", percentiles(latencyUs))
                .put("send_lag_us", percentiles(sendLagUs));
    }

    private static JsonObject percentiles(Histogram h) {
        return new JsonObject()
                .put("count", h.getTotalCount())
                .put("p50", h.getValueAtPercentile(50))
                .put("p90", h.getValueAtPercentile(90))
                .put("p99", h.getValueAtPercentile(99))
                .put("p99_9", h.getValueAtPercentile(99.9))
                .put("max", h.getMaxValue())
                .put("mean", Math.round(h.getMean() * 10) / 10.0);
    }
}
