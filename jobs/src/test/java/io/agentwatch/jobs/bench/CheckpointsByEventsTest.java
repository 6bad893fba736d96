package io.agentwatch.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentwatch.jobs.io.RawLine;
import java.nio.file.Path;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsByEventsTest {
    @Test
    void takesACheckpointHalfwayThroughEveryStretchOfEvents(@TempDir Path checkpoints)
            throws Exception {
        BenchInput input =
                BenchInput.generate(
                        3, 20, 20, BenchInput.Clones.CONCURRENT, 20_000, 0, 2, null, n -> {});
        // Each reader must still be running at the second checkpoint (15,000 events in).
        for (byte[][] partition : input.partitions) {
            assertThat(partition.length).isGreaterThan(8_500);
        }
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(CheckpointingOptions.ENABLE_CHECKPOINTS_AFTER_TASKS_FINISH, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.getCheckpointConfig().disableCheckpointing();
        // About two seconds, so that the poller sees each halfway point before the input ends.
        MemoryLinesSource.stream(env, input, 10_000).sinkTo(new DiscardingSink<RawLine>());
        try {
            CheckpointsByEvents.execute(env, "checkpoints by events", input, 10_000);

            // At 5,000 and 15,000 events: not at 10,000 and 20,000 (the end).
            assertThat(input.checkpointsCompleted()).isEqualTo(2);
        } finally {
            input.release();
        }
    }
}
