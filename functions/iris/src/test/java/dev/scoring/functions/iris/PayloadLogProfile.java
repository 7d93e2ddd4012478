package dev.scoring.functions.iris;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Payload logging on, to the local {@link PayloadSink}, with a tiny queue so that overflow is easy to cause. */
public class PayloadLogProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "scoring.payload-log.enabled", "true",
                "scoring.payload-log.sink-url", PayloadSink.start(),
                "scoring.payload-log.queue-size", "2",
                "scoring.payload-log.timeout", "1s");
    }
}
