package io.agentwatch.models.jmh;

import io.agentwatch.models.jmh.AgentScaleBenchmarks.AgentState;
import io.agentwatch.models.state.DetectorStateCodec;
import io.agentwatch.models.state.StateWriter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * agentwatch's part of a checkpoint on the heap backend: one agent's detector state written in the
 * compact layout, as the job's serializer writes every agent's at every checkpoint. The states are
 * {@link AgentScaleBenchmarks}' grown ones (three simulated days each), written one after another
 * in an order that follows neither memory nor their agents. Figures are nanoseconds per agent.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
        value = 1,
        jvmArgs = {"-Xms4g", "-Xmx4g"})
public class CheckpointBenchmarks {
    @Param({"1000", "100000"})
    public int agents;

    private AgentState[] states;
    private final StateWriter writer = new StateWriter();
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        AgentScaleBenchmarks grown = new AgentScaleBenchmarks();
        grown.agents = agents;
        grown.part = AgentScaleBenchmarks.Part.all;
        grown.setUp();
        states = grown.everyState();
    }

    /** The next agent's state, written as the job's detectors operator's serializer writes it. */
    @Benchmark
    public int writeAgent() {
        AgentState s = states[next];
        if (++next == states.length) {
            next = 0;
        }
        long base = DetectorStateCodec.timeBase(s.behaviour);
        StateWriter w = writer.reset(base);
        w.relative(base, 0);
        DetectorStateCodec.writeAgent(
                w, s.recentIds, s.card, Long.MIN_VALUE, s.behaviour, s.features, s.usage);
        return w.length();
    }
}
