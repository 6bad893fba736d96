package io.agentwatch.models.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentwatch.models.detect.CardSearchBurstConfig;
import io.agentwatch.models.detect.CardSearchBurstDetector;
import io.agentwatch.models.detect.CardSearchBurstState;
import io.agentwatch.models.detect.RobustRate;
import io.agentwatch.models.detect.behaviour.ActivityBaseline;
import io.agentwatch.models.detect.behaviour.AgentBehaviourState;
import io.agentwatch.models.detect.behaviour.BehaviourConfig;
import io.agentwatch.models.detect.behaviour.BehaviourDetectors;
import io.agentwatch.models.event.Fnv64;
import io.agentwatch.models.event.RecentEventIds;
import io.agentwatch.models.features.AgentFeatureState;
import io.agentwatch.models.features.FeatureExtractor;
import io.agentwatch.models.testing.BitExact;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DetectorStateCodecTest {
    private final StateWriter w = new StateWriter();
    private final StateReader r = new StateReader();

    private <T> T roundTrip(
            T value, long base, BiConsumer<StateWriter, T> write, Function<StateReader, T> read) {
        w.reset(base);
        write.accept(w, value);
        r.reset(w.buffer(), 0, w.length());
        r.timeBase(base);
        T back = read.apply(r);
        assertThat(r.atEnd()).as("every byte read").isTrue();
        return back;
    }

    private void assertRoundTrips(Parts p, long base) {
        assertThat(
                        roundTrip(
                                p.ids,
                                base,
                                DetectorStateCodec::write,
                                DetectorStateCodec::readRecentEventIds))
                .usingRecursiveComparison(BitExact.FIELDS)
                .isEqualTo(p.ids);
        assertThat(
                        roundTrip(
                                p.card,
                                base,
                                DetectorStateCodec::write,
                                DetectorStateCodec::readCardSearchBurstState))
                .usingRecursiveComparison(BitExact.FIELDS)
                .isEqualTo(p.card);
        assertThat(
                        roundTrip(
                                p.behaviour,
                                base,
                                DetectorStateCodec::write,
                                DetectorStateCodec::readAgentBehaviourState))
                .usingRecursiveComparison(BitExact.FIELDS)
                .isEqualTo(p.behaviour);
        assertThat(
                        roundTrip(
                                p.features,
                                base,
                                DetectorStateCodec::write,
                                DetectorStateCodec::readAgentFeatureState))
                .usingRecursiveComparison(BitExact.FIELDS)
                .isEqualTo(p.features);
    }

    private static final class Parts {
        RecentEventIds ids = new RecentEventIds();
        CardSearchBurstState card = new CardSearchBurstState();
        AgentBehaviourState behaviour = new AgentBehaviourState();
        AgentFeatureState features = new AgentFeatureState();
    }

    @Test
    void simulatedAgentsStateReadsBackEqualAtEveryStageOfAWeek() throws Exception {
        BehaviourDetectors behaviour = new BehaviourDetectors(BehaviourConfig.defaults());
        CardSearchBurstDetector card =
                new CardSearchBurstDetector(CardSearchBurstConfig.defaults());
        FeatureExtractor features = new FeatureExtractor();
        // Now and then, every field of an agent's state, mid-stream; then every agent's.
        SimulatedAgents<Parts> run =
                SimulatedAgents.run(
                        3,
                        997,
                        Parts::new,
                        (p, e) -> {
                            RecentEventIds.seenBefore(p.ids, e.eventId);
                            card.onEvent(p.card, e, null);
                            behaviour.onEvent(p.behaviour, e);
                            features.onEvent(p.features, e);
                        },
                        p -> assertRoundTrips(p, DetectorStateCodec.timeBase(p.behaviour)));
        assertThat(run.events()).isGreaterThan(10_000);
    }

    /**
     * The model features' state as the code before its tallies shared one array kept and wrote it
     * (a committed file): the same simulation now writes the same bytes, record for record, and
     * each record reads back and writes the same bytes again.
     */
    @Test
    void featureStateIsKeptAndWrittenAsBeforeItsTalliesSharedOneArray() throws Exception {
        List<String> saved = SavedRecords.read("/state/feature-layout-2026-12-07.txt");
        FeatureExtractor features = new FeatureExtractor();
        assertThat(SavedRecords.simulate(AgentFeatureState::new, features::onEvent, this::record))
                .containsExactlyElementsOf(saved);

        int withPlaces = 0;
        for (String line : saved) {
            AgentFeatureState s =
                    DetectorStateCodec.readAgentFeatureState(SavedRecords.open(r, line));
            assertThat(r.atEnd()).as("every byte read").isTrue();
            assertThat(record(s)).isEqualTo(line);
            withPlaces += s.countryCount > 0 && s.ipCount > 0 ? 1 : 0;
        }
        assertThat(withPlaces).as("records with countries and addresses").isPositive();
    }

    private String record(AgentFeatureState s) {
        long base = s.windowStart == Long.MIN_VALUE ? 0 : s.windowStart;
        return SavedRecords.line(w, base, writer -> DetectorStateCodec.write(writer, s));
    }

    @Test
    void behaviourStateOfTheLayoutBeforeItsAddressesSharedOneArrayReadsAndWritesBackTheSameBytes()
            throws Exception {
        int records = 0;
        int withAddresses = 0;
        for (String line : SavedRecords.read("/state/behaviour-layout-2026-12-07.txt")) {
            AgentBehaviourState s =
                    DetectorStateCodec.readAgentBehaviourState(SavedRecords.open(r, line));
            assertThat(r.atEnd()).as("every byte read").isTrue();
            ActivityBaseline b = s;
            for (int i = 0; i < b.ipCount; i++) {
                assertThat(b.sources[ActivityBaseline.IP_HASHES + i])
                        .as("address %s found by its hash", b.ips[i])
                        .isEqualTo(Fnv64.of(b.ips[i]));
                assertThat(b.sources[ActivityBaseline.IP_LAST_SEEN + i])
                        .isGreaterThanOrEqualTo(b.sources[ActivityBaseline.IP_FIRST_SEEN + i])
                        .isLessThanOrEqualTo(s.lastSeen);
            }
            withAddresses += b.ipCount > 0 && b.userAgentCount > 0 ? 1 : 0;
            long base = Long.parseLong(line.substring(0, line.indexOf(' ')));
            assertThat(SavedRecords.line(w, base, writer -> DetectorStateCodec.write(writer, s)))
                    .isEqualTo(line);
            records++;
        }
        assertThat(records).isEqualTo(30);
        assertThat(withAddresses).isEqualTo(records);
    }

    /**
     * The parts of the activity baseline the codec lays out in a shape of its own: the hour-of-week
     * profile, 168 counts in the order of the hours of the week; and the addresses and user agents,
     * in one array, their hashes worked out again from the addresses on reading; and the rates,
     * each a mean, a deviation and a whole number of samples. Random values there could not be an
     * agent's, so these get random values that could.
     */
    /**
     * The feature state's tallies: one array in the shape of the four the codec writes (the
     * countries' and addresses' parts there from their first, as their counts say), with random
     * values in each part.
     */
    private static void agentShaped(AgentFeatureState s, SplittableRandom random) {
        if (random.nextInt(5) == 0) {
            s.tallies = null;
            s.countryCount = 0;
            s.ipCount = 0;
            return;
        }
        s.tallies = new int[AgentFeatureState.TALLIES];
        for (int i = 0; i < AgentFeatureState.COUNTRIES; i++) {
            s.tallies[i] = random.nextInt(4) == 0 ? 0 : random.nextInt();
        }
        s.countryCount = random.nextBoolean() ? 0 : random.nextInt(1, 1000);
        for (int i = 0; i < Math.min(s.countryCount, AgentFeatureState.MAX_COUNTRIES); i++) {
            s.tallies[AgentFeatureState.COUNTRIES + i] = random.nextInt();
        }
        s.ipCount = random.nextBoolean() ? 0 : random.nextInt(1, 1000);
        for (int i = 0; i < Math.min(s.ipCount, AgentFeatureState.MAX_IPS); i++) {
            s.tallies[AgentFeatureState.IPS + i] = random.nextInt();
        }
    }

    private static void agentShaped(ActivityBaseline b, SplittableRandom random) {
        if (b.rates != null) {
            b.rates = new double[random.nextInt(20) * RobustRate.STRIDE];
            for (int at = 0; at < b.rates.length; at += RobustRate.STRIDE) {
                if (random.nextInt(3) > 0) {
                    b.rates[at] = random.nextDouble(-1e6, 1e6);
                    b.rates[at + 1] = random.nextBoolean() ? -0.0 : random.nextDouble(1e3);
                    b.rates[at + 2] = random.nextLong(1L << 53);
                }
            }
        }
        if (b.hourOfWeek != null) {
            b.hourOfWeek = new short[168];
            // The hours of the week from the first on, the rest empty (an empty tail is not
            // written).
            for (int h = 0, end = random.nextInt(169); h < end; h++) {
                b.hourOfWeek[ActivityBaseline.index(h)] = (short) random.nextInt();
            }
        }
        b.ipCount = random.nextInt(ActivityBaseline.MAX_IPS + 1);
        b.userAgentCount = random.nextInt(ActivityBaseline.MAX_USER_AGENTS + 1);
        b.ips =
                b.ipCount == 0 && random.nextBoolean()
                        ? null
                        : new String[ActivityBaseline.MAX_IPS];
        if (b.ips == null && b.userAgentCount == 0) {
            b.sources = null;
            return;
        }
        b.sources = new long[ActivityBaseline.SOURCES];
        for (int i = 0; i < b.ipCount; i++) {
            b.ips[i] = RandomFields.aString(random);
            b.sources[ActivityBaseline.IP_HASHES + i] = Fnv64.of(b.ips[i]);
            b.sources[ActivityBaseline.IP_FIRST_SEEN + i] = random.nextLong();
            b.sources[ActivityBaseline.IP_LAST_SEEN + i] = random.nextLong();
        }
        for (int i = 0; i < b.userAgentCount; i++) {
            b.sources[ActivityBaseline.USER_AGENTS + i] = random.nextInt();
            b.sources[ActivityBaseline.USER_AGENT_FIRST_SEEN + i] = random.nextLong();
            b.sources[ActivityBaseline.USER_AGENT_LAST_SEEN + i] = random.nextLong();
        }
    }

    @Test
    void aRecordWhosePartsDoNotFitTheirPlacesIsRejectedNamingThePart() {
        w.reset(0);
        w.times(new long[ActivityBaseline.MAX_IPS + 1]);
        w.counts(new int[100]);
        r.reset(w.buffer(), 0, w.length());
        long[] into = new long[ActivityBaseline.SOURCES];
        assertThatThrownBy(
                        () ->
                                r.times(
                                        into,
                                        ActivityBaseline.IP_FIRST_SEEN,
                                        ActivityBaseline.MAX_IPS,
                                        "ip_first_seen"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ip_first_seen holds 9 values, more than the 8");
        r.reset(w.buffer(), 0, w.length());
        r.times();
        assertThatThrownBy(() -> r.shortCounts(new int[168], "hour_of_week"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("hour_of_week holds 100 counts, where 168 are kept");
        r.reset(w.buffer(), 0, w.length());
        r.times();
        int[] tallies = new int[AgentFeatureState.TALLIES];
        assertThatThrownBy(
                        () -> r.counts(tallies, AgentFeatureState.HOUR_OF_DAY, 24, "hour_of_day"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("hour_of_day holds 100 values, more than the 24");
    }

    @Test
    void everyFieldOfEveryPartReadsBackEqualWhateverItHolds() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 200; i++) {
            Parts p = new Parts();
            p.ids = RandomFields.fill(new RecentEventIds(), random);
            p.card = RandomFields.fill(new CardSearchBurstState(), random);
            p.behaviour = RandomFields.fill(new AgentBehaviourState(), random);
            agentShaped(p.behaviour, random);
            p.features = RandomFields.fill(new AgentFeatureState(), random);
            agentShaped(p.features, random);
            long base = random.nextInt(4) == 0 ? Long.MIN_VALUE : random.nextLong();
            assertRoundTrips(p, base);
        }
    }
}
