package io.agentwatch.jobs.bench;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.deployment.executors.LocalExecutor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * Runs a benchmark job on an embedded cluster of its own, as {@code env.execute} does, and takes a
 * checkpoint halfway through every {@code every} events its input reads: at 500,000, 1,500,000, ...
 * for a million.
 *
 * <p>A running detector takes a checkpoint every interval, each a write of every agent's state. The
 * bench's runs are shorter than an interval, and Flink starts the first periodic checkpoint at a
 * random moment of it, so a run had one or none by chance: at 100,000 agents that moved a run's
 * figure by a fifth. Taken by events instead, every run at every number of agents pays for the same
 * number of checkpoints per event.
 *
 * <p>Flink's {@code JobClient} cannot trigger a checkpoint, its {@link MiniCluster} can: so the job
 * goes through Flink's {@link LocalExecutor}, as {@code env.execute} does, with a cluster factory
 * that keeps hold of the cluster it makes.
 */
final class CheckpointsByEvents {
    private static final long POLL_MILLIS = 2;

    private CheckpointsByEvents() {}

    /**
     * @param every events per checkpoint; 0 for none (periodic ones, if the job has an interval,
     *     are taken either way)
     */
    static JobExecutionResult execute(
            StreamExecutionEnvironment env, String name, BenchInput input, long every)
            throws Exception {
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(name);
        Configuration conf = Configuration.fromMap(env.getConfiguration().toMap());
        conf.set(DeploymentOptions.ATTACHED, true);
        AtomicReference<MiniCluster> cluster = new AtomicReference<>();
        JobClient client =
                LocalExecutor.createWithFactory(
                                new Configuration(),
                                settings -> {
                                    MiniCluster c = new MiniCluster(settings);
                                    cluster.set(c);
                                    return c;
                                })
                        .execute(graph, conf, Thread.currentThread().getContextClassLoader())
                        .get();
        CompletableFuture<JobExecutionResult> result = client.getJobExecutionResult();
        long start = input.linesRead();
        // Polled only while a mark lies ahead: a run reads no more lines than its input has.
        for (long next = every / 2; every > 0 && next <= input.events; ) {
            try {
                return result.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException running) {
                if (input.linesRead() - start >= next) {
                    trigger(cluster.get(), client.getJobID(), next);
                    next += every;
                }
            }
        }
        return result.get();
    }

    /** A checkpoint that fails (the job ending as it starts) shows in the run's count of them. */
    private static void trigger(MiniCluster cluster, JobID job, long atEvents) {
        cluster.triggerCheckpoint(job)
                .whenComplete(
                        (path, failed) -> {
                            if (failed != null) {
                                System.err.printf(
                                        Locale.ROOT,
                                        "bench: the checkpoint at %,d events failed: %s%n",
                                        atEvents,
                                        failed);
                            }
                        });
    }
}
