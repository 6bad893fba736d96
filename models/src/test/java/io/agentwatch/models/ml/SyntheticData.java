package io.agentwatch.models.ml;

import io.agentwatch.models.features.AgentHourFeatures;
import io.agentwatch.models.features.FeatureWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded data with known anomalies, for training tests. */
public final class SyntheticData {
    private SyntheticData() {}

    /**
     * Generic rows: {@code normal} rows from a correlated 5-D Gaussian, {@code anomalies} rows
     * shifted by 6 standard deviations in two random dimensions.
     */
    public static double[][] rows(long seed, int normal, int anomalies, String[] labelsOut) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[normal + anomalies][];
        for (int i = 0; i < x.length; i++) {
            double base = gaussian(r);
            double[] row = new double[5];
            for (int c = 0; c < 5; c++) {
                row[c] = 10 + 2 * (0.6 * base + 0.8 * gaussian(r));
            }
            if (i >= normal) {
                row[r.nextInt(5)] += 12 * (r.nextBoolean() ? 1 : -1);
                row[r.nextInt(5)] += 12;
                labelsOut[i] = "1";
            }
            x[i] = row;
        }
        return x;
    }

    /** Agent-hour vectors: steady agents, and a few hours of card sweeps and bulk views. */
    public static List<FeatureWindow> agentHours(long seed, int agents, int hours, int anomalies) {
        SplittableRandom r = new SplittableRandom(seed);
        List<FeatureWindow> out = new ArrayList<>();
        for (int h = 0; h < hours; h++) {
            for (int a = 0; a < agents; a++) {
                double[] v = new double[AgentHourFeatures.SIZE];
                v[AgentHourFeatures.EVENTS] = 20 + r.nextInt(20);
                v[AgentHourFeatures.SEARCHES] = 4 + r.nextInt(6);
                v[AgentHourFeatures.VIEWS] = 10 + r.nextInt(15);
                v[AgentHourFeatures.DISTINCT_CUSTOMERS] = 4 + r.nextInt(6);
                v[AgentHourFeatures.CARD_SEARCHES] = r.nextInt(10) == 0 ? 1 : 0;
                v[AgentHourFeatures.UNTICKETED_SHARE] = r.nextDouble() * 0.2;
                v[AgentHourFeatures.EVENTS_VS_OWN] = 0.7 + r.nextDouble() * 0.6;
                v[AgentHourFeatures.CUSTOMERS_VS_OWN] = 0.7 + r.nextDouble() * 0.6;
                v[AgentHourFeatures.CARD_SEARCHES_VS_OWN] = 1;
                FeatureWindow w = new FeatureWindow();
                w.agentId = "agent-" + a;
                w.agentRole = a % 2 == 0 ? "tier1" : "billing";
                w.windowStart = 1_772_409_600_000L + h * 3_600_000L;
                w.windowEnd = w.windowStart + 3_600_000L;
                w.values = v;
                out.add(w);
            }
        }
        for (int i = 0; i < anomalies; i++) {
            FeatureWindow w = out.get(r.nextInt(out.size()));
            if (i % 2 == 0) {
                w.values[AgentHourFeatures.CARD_SEARCHES] = 15 + r.nextInt(20);
                w.values[AgentHourFeatures.CARD_SEARCHES_VS_OWN] = 12;
                w.label = "card_search_sweep";
            } else {
                w.values[AgentHourFeatures.DISTINCT_CUSTOMERS] = 150 + r.nextInt(100);
                w.values[AgentHourFeatures.VIEWS] = 200;
                w.values[AgentHourFeatures.CUSTOMERS_VS_OWN] = 25;
                w.values[AgentHourFeatures.UNTICKETED_SHARE] = 0.9;
                w.label = "bulk_scrape";
            }
        }
        return out;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble()))
                * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
