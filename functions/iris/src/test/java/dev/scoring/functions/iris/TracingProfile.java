package dev.scoring.functions.iris;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Traces exported to the in-memory exporter of {@link InMemorySpanExporterProducer}, quickly. */
public class TracingProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.otel.traces.exporter", "cdi", "quarkus.otel.bsp.schedule.delay", "50ms");
    }
}
