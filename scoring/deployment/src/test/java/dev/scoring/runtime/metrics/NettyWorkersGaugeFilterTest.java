package dev.scoring.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

class NettyWorkersGaugeFilterTest {

    private final MeterFilter filter = new NettyWorkersGaugeFilter().denyAmbiguousNettyWorkersGauge();

    @Test
    void deniesTheUntaggedWorkersGauge() {
        assertEquals(MeterFilterReply.DENY, filter.accept(id("netty.eventexecutor.workers")));
    }

    @Test
    void keepsEveryOtherNettyMeter() {
        assertEquals(MeterFilterReply.NEUTRAL, filter.accept(id("netty.eventexecutor.tasks.pending")));
        assertEquals(MeterFilterReply.NEUTRAL, filter.accept(id("netty.allocator.memory.used")));
        assertEquals(MeterFilterReply.NEUTRAL, filter.accept(id("scoring.requests")));
    }

    private static Meter.Id id(String name) {
        return new Meter.Id(name, Tags.empty(), null, null, Meter.Type.GAUGE);
    }
}
