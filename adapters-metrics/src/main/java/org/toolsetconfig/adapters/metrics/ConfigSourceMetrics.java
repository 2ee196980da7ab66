package org.toolsetconfig.adapters.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The health of a source that keeps a connection open (the Kubernetes API's watch):
 * {@code holmesgpt_config_source_connected} and {@code holmesgpt_config_source_reconnects_total},
 * without labels, read from the source when scraped. A source without such a connection (the file)
 * binds neither, so an alert on {@code == 0} never fires for it.
 */
public final class ConfigSourceMetrics implements MeterBinder {

    private final BooleanSupplier connected;
    private final LongSupplier reconnects;

    /** Meters that read {@code connected} (the watch is established now) and {@code reconnects} (ever-growing). */
    public ConfigSourceMetrics(BooleanSupplier connected, LongSupplier reconnects) {
        this.connected = Objects.requireNonNull(connected, "connected");
        this.reconnects = Objects.requireNonNull(reconnects, "reconnects");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(MetricNames.CONFIG_SOURCE_CONNECTED, this, self -> self.connected.getAsBoolean() ? 1 : 0)
                .description("1 while the config source's watch is established (source kubernetes)")
                .baseUnit("boolean")
                .strongReference(true)
                .register(registry);
        FunctionCounter.builder(MetricNames.CONFIG_SOURCE_RECONNECTS, this, self -> self.reconnects.getAsLong())
                .description("Times the config source's watch was started again after it ended or failed")
                .baseUnit("reconnects")
                .register(registry);
    }
}
