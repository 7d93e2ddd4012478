package dev.scoring.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP sink for payload-logging tests: records every event; can answer slowly, or die.
 * <p>
 * The test starts it while the application is built and reads it from inside the application: two class
 * loaders, so its state lives in JDK-typed objects kept in the system properties, shared by both.
 */
final class PayloadSink {

    private static final String KEY = "test.payload-sink";

    private PayloadSink() {
    }

    @SuppressWarnings("unchecked")
    private static synchronized Map<String, Object> state() {
        Map<String, Object> state = (Map<String, Object>) System.getProperties().get(KEY);
        if (state == null) {
            state = new HashMap<>();
            state.put("events", new CopyOnWriteArrayList<Map<String, String>>());
            state.put("delay", new AtomicLong());
            System.getProperties().put(KEY, state);
        }
        return state;
    }

    /** Every event received: its headers (lower-case names) and its body under {@code body}. */
    @SuppressWarnings("unchecked")
    static List<Map<String, String>> events() {
        return (List<Map<String, String>>) state().get("events");
    }

    static void delay(long millis) {
        ((AtomicLong) state().get("delay")).set(millis);
    }

    static synchronized String start() {
        Map<String, Object> state = state();
        HttpServer server = (HttpServer) state.get("server");
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            AtomicLong delay = (AtomicLong) state.get("delay");
            List<Map<String, String>> events = events();
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.createContext("/", exchange -> {
                try {
                    Thread.sleep(delay.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                Map<String, String> event = new HashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> event.put(k.toLowerCase(), v.get(0)));
                event.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                events.add(event);
                exchange.sendResponseHeaders(202, -1);
                exchange.close();
            });
            server.start();
            state.put("server", server);
        }
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    static synchronized void kill() {
        HttpServer server = (HttpServer) state().get("server");
        if (server != null) {
            server.stop(0);
        }
    }
}
