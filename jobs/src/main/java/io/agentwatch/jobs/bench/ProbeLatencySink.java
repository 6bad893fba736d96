package io.agentwatch.jobs.bench;

import io.agentwatch.models.risk.Alert;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Takes each probe agent's first alert at the detector's output and records how long after the
 * source emitted the probe's triggering event it came (nanoseconds, same process).
 */
final class ProbeLatencySink implements Sink<Alert> {
    private static final long serialVersionUID = 1L;
    private static final Map<String, Map<Integer, Long>> LATENCIES = new ConcurrentHashMap<>();

    private final String inputId;

    ProbeLatencySink(BenchInput input) {
        this.inputId = input.id;
        LATENCIES.put(inputId, new ConcurrentHashMap<>());
    }

    /** Probe number to latency in nanoseconds, for the probes that alerted. */
    static Map<Integer, Long> latencies(BenchInput input) {
        return LATENCIES.getOrDefault(input.id, Map.of());
    }

    static void forget(BenchInput input) {
        LATENCIES.remove(input.id);
    }

    @Override
    public SinkWriter<Alert> createWriter(WriterInitContext context) {
        BenchInput input = BenchInput.registered(inputId);
        Map<Integer, Long> latencies = LATENCIES.get(inputId);
        return new SinkWriter<>() {
            @Override
            public void write(Alert alert, Context context) {
                if (alert.agentId != null && alert.agentId.startsWith(BenchInput.PROBE_PREFIX)) {
                    long now = System.nanoTime();
                    int probe =
                            Integer.parseInt(
                                    alert.agentId.substring(BenchInput.PROBE_PREFIX.length()));
                    latencies.putIfAbsent(probe, now - input.emittedAt(probe));
                }
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
