package dev.scoring.runtime.metrics;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Leaves out Micrometer's {@code netty.eventexecutor.workers} gauge. Quarkus' Netty binder can register it
 * once per event-executor group under the same name and no tag: then only the first group's count is kept
 * and the start logs "This Gauge has been already registered" at WARN (quarkusio/quarkus#52014, open at
 * 3.34.1). Whether it happens depends on start-up timing (seen on a loaded core, not on every start). A
 * gauge that cannot say which group it counts is worth less than a clean start; the other Netty meters
 * (allocators, pending tasks per event loop) stay.
 */
@Singleton
public class NettyWorkersGaugeFilter {

    static final String AMBIGUOUS_GAUGE = "netty.eventexecutor.workers";

    @Produces
    @Singleton
    public MeterFilter denyAmbiguousNettyWorkersGauge() {
        return MeterFilter.deny(id -> id.getName().equals(AMBIGUOUS_GAUGE));
    }
}
