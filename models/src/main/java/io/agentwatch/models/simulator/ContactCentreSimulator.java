package io.agentwatch.models.simulator;

import io.agentwatch.models.event.AccessEvent;
import io.agentwatch.models.event.Action;
import io.agentwatch.models.event.ContractWriter;
import io.agentwatch.models.event.Outcome;
import io.agentwatch.models.sensitivity.CardNumbers;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A labelled, seeded simulation of a contact centre: agents in roles and teams at sites in four
 * time zones, working shifts with days off, handling tickets for customers. Normal work follows
 * tickets; each {@link Scenario} is injected into its own agent and recorded in {@link #labels()}
 * (never in the events). Events come out in time order; the same config gives byte-identical
 * output.
 */
public final class ContactCentreSimulator {
    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final long SHIFT = 8 * HOUR + 30 * MINUTE;

    private static final String[] FIRST = {
        "Ava", "Ben", "Chloe", "Dan", "Ella", "Finn", "Grace", "Hugo", "Isla", "Jack", "Kate",
        "Liam", "Maya", "Noah", "Olivia", "Paul", "Quinn", "Rosa", "Sam", "Tara", "Uma", "Victor",
        "Wei", "Xena", "Yusuf", "Zoe", "Arjun", "Bea", "Carlos", "Divya", "Emeka", "Fatima",
        "Gabriel", "Hana", "Ivan", "Jun", "Kofi", "Lucia", "Mateo", "Nia", "Omar", "Priya",
        "Rafael", "Sofia"
    };
    private static final String[] LAST = {
        "Smith", "Murphy", "Santos", "Reyes", "Patel", "Sharma", "Kelly", "Garcia", "Cruz", "Byrne",
        "Nguyen", "Okafor", "Walsh", "Iyer", "Lopez", "Brown", "Kumar", "Bautista", "Ryan", "Lee",
        "Johnson", "Mendoza", "Rao", "Doyle", "Flores", "Williams", "Tan", "Diaz", "Joshi", "Moore"
    };
    private static final String[] USER_AGENTS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/126.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko)"
                + " Version/17.5 Safari/605.1.15",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/126.0 Safari/537.36 Edg/126.0"
    };

    /** Issuer prefixes of public test cards (Visa, Mastercard, Amex, Discover, 2-series MC). */
    private static final String[] CARD_PREFIXES = {
        "411111", "401288", "424242", "555555", "510510", "222300", "378282", "601111"
    };

    private static final String[] CUSTOMER_FIELDS = {
        "name", "email", "phone", "address.line1", "address.city"
    };
    private static final String[] BILLING_FIELDS = {
        "payment_card.last4", "payment_card.brand", "billing.plan"
    };

    private final SimulationConfig config;
    private final List<SimAgent> agents = new ArrayList<>();
    private final Customer[] customers;
    private final Map<Scenario, Label> labels = new EnumMap<>(Scenario.class);
    private final LocalDate[] scenarioDate = new LocalDate[Scenario.values().length];

    public ContactCentreSimulator(SimulationConfig config) {
        this.config = config;
        this.customers = makeCustomers(config);
        makeAgents();
        assignScenarios();
    }

    /** Called after each simulated day. */
    public interface Progress {
        void onDay(int daysDone, int daysTotal, long eventsSoFar);
    }

    /** Receives the simulated events, one at a time, in time order. */
    public interface EventSink {
        void accept(AccessEvent event) throws IOException;
    }

    /**
     * Writes all events as NDJSON, in time order.
     *
     * @return the number of events written
     */
    public long run(OutputStream out, Progress progress) throws IOException {
        long n = run(e -> ContractWriter.writeLine(out, e), progress);
        out.flush();
        return n;
    }

    /**
     * Hands all events to the sink, in time order.
     *
     * @return the number of events
     */
    public long run(EventSink sink, Progress progress) throws IOException {
        long windowStart = config.start.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long windowEnd = windowStart + config.days * DAY;
        // Events are buffered until no later shift can produce an earlier event: a shift starting
        // in day d never has events before the start of day d minus 12 hours.
        PriorityQueue<Pending> buffer =
                new PriorityQueue<>(
                        Comparator.comparingLong((Pending p) -> p.event.timestamp)
                                .thenComparingLong(p -> p.seq));
        long seq = 0;
        long written = 0;
        for (int d = 0; d < config.days; d++) {
            long dayStart = windowStart + d * DAY;
            List<AccessEvent> generated = new ArrayList<>();
            for (SimAgent a : agents) {
                for (int offset = -1; offset <= 1; offset++) {
                    LocalDate local = config.start.plusDays(d + offset);
                    long shiftStart = shiftStart(a, local);
                    if (shiftStart >= dayStart && shiftStart < dayStart + DAY) {
                        generateAgentDay(a, local, generated);
                    }
                }
            }
            for (AccessEvent e : generated) {
                buffer.add(new Pending(e, seq++));
            }
            written += flush(buffer, sink, dayStart, windowStart, windowEnd);
            if (progress != null) {
                progress.onDay(d + 1, config.days, written);
            }
        }
        written += flush(buffer, sink, windowEnd, windowStart, windowEnd);
        return written;
    }

    /** Ground truth of the injected scenarios; complete after {@link #run}. */
    public List<Label> labels() {
        List<Label> out = new ArrayList<>();
        for (Label l : labels.values()) {
            if (!l.isEmpty()) {
                out.add(l);
            }
        }
        return out;
    }

    /** CSV: {@code scenario,agent_id,start,end,event_count,event_ids} (ids space-separated). */
    public static void writeLabelsCsv(List<Label> labels, Writer w) {
        PrintWriter p = new PrintWriter(w);
        p.print(LabelsFile.HEADER + "\n");
        for (Label l : labels) {
            p.print(
                    l.scenario.id()
                            + ","
                            + l.agentId
                            + ","
                            + io.agentwatch.models.event.Timestamps.format(l.start)
                            + ","
                            + io.agentwatch.models.event.Timestamps.format(l.end)
                            + ","
                            + l.eventIds.size()
                            + ","
                            + String.join(" ", l.eventIds)
                            + "\n");
        }
        p.flush();
    }

    private long flush(
            PriorityQueue<Pending> buffer,
            EventSink sink,
            long before,
            long windowStart,
            long windowEnd)
            throws IOException {
        long n = 0;
        while (!buffer.isEmpty() && buffer.peek().event.timestamp < before) {
            AccessEvent e = buffer.poll().event;
            if (e.timestamp >= windowStart && e.timestamp < windowEnd) {
                sink.accept(e);
                n++;
            } else {
                unlabel(e);
            }
        }
        return n;
    }

    /** An event cut off by the simulated period is not ground truth either. */
    private void unlabel(AccessEvent e) {
        for (Label l : labels.values()) {
            if (l.agentId.equals(e.agentId)) {
                l.eventIds.remove(e.eventId);
            }
        }
    }

    // ---------------------------------------------------------------- directory

    private static Customer[] makeCustomers(SimulationConfig config) {
        SplittableRandom r = new SplittableRandom(config.seed * 0x9E3779B97F4A7C15L + 1);
        Customer[] out = new Customer[config.customers];
        for (int i = 0; i < out.length; i++) {
            String first = FIRST[r.nextInt(FIRST.length)];
            String last = LAST[r.nextInt(LAST.length)];
            String email =
                    (first + "." + last + (i % 997)).toLowerCase(Locale.ROOT) + "@example.com";
            String phone = String.format("+1-202-555-%04d", r.nextInt(10_000));
            out[i] =
                    new Customer(
                            String.format("C%07d", i + 1),
                            first + " " + last,
                            email,
                            phone,
                            cardNumber(r));
        }
        return out;
    }

    static String cardNumber(SplittableRandom r) {
        String prefix = CARD_PREFIXES[r.nextInt(CARD_PREFIXES.length)];
        int length = prefix.startsWith("3") ? 15 : 16;
        StringBuilder b = new StringBuilder(prefix);
        while (b.length() < length - 1) {
            b.append((char) ('0' + r.nextInt(10)));
        }
        b.append(luhnCheckDigit(b));
        return b.toString();
    }

    private static char luhnCheckDigit(CharSequence partial) {
        for (char d = '0'; d < '9'; d++) {
            if (CardNumbers.luhn(partial.toString() + d)) {
                return d;
            }
        }
        return '9';
    }

    private void makeAgents() {
        SplittableRandom r = new SplittableRandom(config.seed * 0x9E3779B97F4A7C15L + 2);
        int[] starts = {6, 8, 9, 10, 12, 14};
        for (int i = 0; i < config.agents; i++) {
            double roll = r.nextDouble();
            String role =
                    roll < 0.55
                            ? "tier1"
                            : roll < 0.80 ? "tier2" : roll < 0.95 ? "billing" : "supervisor";
            Site site = Site.ALL[r.nextInt(Site.ALL.length)];
            DayOfWeek firstOff = DayOfWeek.of(1 + r.nextInt(7));
            String name = FIRST[r.nextInt(FIRST.length)] + " " + LAST[r.nextInt(LAST.length)];
            agents.add(
                    new SimAgent(
                            i,
                            name,
                            role,
                            site,
                            starts[r.nextInt(starts.length)],
                            EnumSet.of(firstOff, firstOff.plus(1)),
                            site.ipPrefix + (20 + r.nextInt(200)),
                            USER_AGENTS[r.nextInt(USER_AGENTS.length)]));
        }
    }

    private void assignScenarios() {
        SplittableRandom r = new SplittableRandom(config.seed * 0x9E3779B97F4A7C15L + 3);
        List<SimAgent> pool = new ArrayList<>(agents);
        LocalDate last = config.start.plusDays(config.days - 1);
        for (Scenario s : Scenario.values()) {
            String preferred =
                    s == Scenario.CARD_SEARCH_SWEEP
                            ? "tier1"
                            : s == Scenario.PCI_REVEAL_WITHOUT_TICKET ? "tier2" : null;
            SimAgent chosen = null;
            int from = r.nextInt(pool.size());
            for (int k = 0; k < pool.size() && chosen == null; k++) {
                SimAgent a = pool.get((from + k) % pool.size());
                if (!a.role.equals("supervisor")
                        && (preferred == null || a.role.equals(preferred))) {
                    chosen = a;
                }
            }
            if (chosen == null) {
                chosen = pool.get(from);
            }
            pool.remove(chosen);
            // Agents are chosen for every scenario, enabled or not, so that turning one scenario
            // off changes only that scenario's events.
            if (!config.scenarios.contains(s)) {
                continue;
            }
            chosen.scenario = s;
            // Inject on the last day, so earlier days give every detector a baseline to judge by.
            scenarioDate[s.ordinal()] = last;
            if (s != Scenario.OFF_HOURS_ACCESS) {
                chosen.daysOff.remove(last.getDayOfWeek());
                if (s == Scenario.DORMANT_ACCOUNT) {
                    chosen.daysOff.remove(config.start.getDayOfWeek()); // seen once, then idle
                }
            } else {
                // Working every other day, so the night on the day off stands out.
                chosen.daysOff.clear();
                chosen.daysOff.add(last.getDayOfWeek());
            }
            labels.put(s, new Label(s, chosen.id));
        }
    }

    private long shiftStart(SimAgent a, LocalDate local) {
        return local.atTime(a.shiftStartHour, 0).atZone(a.zone).toInstant().toEpochMilli();
    }

    // ---------------------------------------------------------------- one agent, one local day

    private void generateAgentDay(SimAgent a, LocalDate local, List<AccessEvent> out) {
        long daySeed = config.seed * 1_000_003L + a.index * 7919L + local.toEpochDay() * 104_729L;
        SplittableRandom r = new SplittableRandom(daySeed);
        boolean scenarioDay =
                a.scenario != null && local.equals(scenarioDate[a.scenario.ordinal()]);
        boolean working = !a.daysOff.contains(local.getDayOfWeek());
        boolean firstDay = local.equals(config.start);
        if (a.scenario == Scenario.DORMANT_ACCOUNT && !scenarioDay && !firstDay) {
            return; // worked on the first day, then idle until the scenario day
        }
        long start = shiftStart(a, local) + (r.nextInt(25) - 10) * MINUTE;
        int dayIndex = (int) (local.toEpochDay() - config.start.toEpochDay() + 1);
        if (working && (a.scenario != Scenario.DORMANT_ACCOUNT || (firstDay && !scenarioDay))) {
            normalShift(a, r, start, dayIndex, out);
        }
        if (a.scenario == Scenario.LOW_AND_SLOW && working) {
            lowAndSlow(a, r, start, out);
        }
        if (scenarioDay) {
            inject(a, r, start, local, out);
        }
    }

    private void normalShift(
            SimAgent a, SplittableRandom r, long start, int dayIndex, List<AccessEvent> out) {
        Session s = new Session(a, r, home(a), a.ip, a.userAgent);
        long t = start;
        if (r.nextDouble() < 0.05) {
            out.add(s.event(t, Action.LOGIN_FAILED, Outcome.FAILURE));
            t += (20 + r.nextInt(60)) * 1000L;
        }
        out.add(s.event(t, Action.LOGIN, Outcome.SUCCESS));
        t += (1 + r.nextInt(3)) * MINUTE;
        long lunch = start + 4 * HOUR + r.nextInt(60) * MINUTE;
        boolean lunched = false;
        long end = start + SHIFT;
        boolean supervisor = a.role.equals("supervisor");
        int ticket = 0;
        while (t < end - 10 * MINUTE && ticket < 60) {
            Customer c = customers[r.nextInt(customers.length)];
            String ticketId =
                    "T-" + (1_000_000 + ((long) dayIndex * config.agents + a.index) * 60 + ticket);
            t = workTicket(a, s, r, c, ticketId, t, out);
            ticket++;
            t +=
                    (supervisor ? 12 + r.nextInt(20) : 3 + r.nextInt(8)) * MINUTE
                            + r.nextInt(60) * 1000L;
            if (!lunched && t > lunch) {
                t += (30 + r.nextInt(15)) * MINUTE;
                lunched = true;
            }
        }
        if (supervisor && r.nextDouble() < 0.5) {
            AccessEvent e = s.event(end - 20 * MINUTE, Action.EXPORT, Outcome.SUCCESS);
            e.resourceType = "report";
            e.resourceId = "team-queue-" + a.team;
            e.fields = new String[] {"name", "email"};
            e.resultCount = 20 + r.nextInt(180);
            out.add(e);
        }
        out.add(s.event(Math.max(t, end), Action.LOGOUT, Outcome.SUCCESS));
    }

    private long workTicket(
            SimAgent a,
            Session s,
            SplittableRandom r,
            Customer c,
            String ticketId,
            long t,
            List<AccessEvent> out) {
        AccessEvent open = s.event(t, Action.VIEW, Outcome.SUCCESS);
        open.resourceType = "ticket";
        open.resourceId = ticketId;
        open.ticketId = ticketId;
        out.add(open);
        t += (10 + r.nextInt(40)) * 1000L;

        AccessEvent search = s.event(t, Action.SEARCH, Outcome.SUCCESS);
        search.resourceType = "customer";
        search.ticketId = ticketId;
        double q = r.nextDouble();
        search.query = q < 0.4 ? c.email : q < 0.6 ? c.phone : q < 0.85 ? c.name : ticketId;
        search.resultCount = 1 + r.nextInt(3);
        out.add(search);
        t += (15 + r.nextInt(45)) * 1000L;

        out.add(view(s, t, c, ticketId, CUSTOMER_FIELDS, r));
        t += (30 + r.nextInt(120)) * 1000L;

        double billingShare = a.role.equals("billing") ? 0.7 : a.role.equals("tier2") ? 0.25 : 0.1;
        if (r.nextDouble() < billingShare) {
            if (r.nextDouble() < (a.role.equals("billing") ? 0.12 : 0.03)) {
                // Confirming the caller's card: a legitimate last-four lookup under the ticket.
                AccessEvent card = s.event(t, Action.SEARCH, Outcome.SUCCESS);
                card.resourceType = "customer";
                card.ticketId = ticketId;
                card.query = "card ending " + c.last4();
                card.resultCount = 1;
                card.fields = new String[] {"name", "payment_card.last4"};
                out.add(card);
                t += (20 + r.nextInt(40)) * 1000L;
            }
            out.add(view(s, t, c, ticketId, BILLING_FIELDS, r));
            t += (30 + r.nextInt(90)) * 1000L;
            if (a.role.equals("billing") && r.nextDouble() < 0.03) {
                AccessEvent reveal = s.event(t, Action.REVEAL, Outcome.SUCCESS);
                reveal.resourceType = "payment_card";
                reveal.resourceId = c.id + "-card-1";
                reveal.customerId = c.id;
                reveal.ticketId = ticketId;
                reveal.fields = new String[] {"payment_card.number"};
                out.add(reveal);
                t += (20 + r.nextInt(60)) * 1000L;
            }
        }
        if (r.nextDouble() < 0.45) {
            AccessEvent update = s.event(t, Action.UPDATE, Outcome.SUCCESS);
            update.resourceType = "ticket";
            update.resourceId = ticketId;
            update.ticketId = ticketId;
            update.customerId = c.id;
            update.fields = new String[] {"notes"};
            out.add(update);
            t += (10 + r.nextInt(30)) * 1000L;
        }
        return t;
    }

    private static AccessEvent view(
            Session s, long t, Customer c, String ticketId, String[] pool, SplittableRandom r) {
        AccessEvent v = s.event(t, Action.VIEW, Outcome.SUCCESS);
        v.resourceType = "customer";
        v.resourceId = c.id;
        v.customerId = c.id;
        v.ticketId = ticketId;
        int n = Math.max(2, pool.length - r.nextInt(2));
        String[] fields = new String[n];
        System.arraycopy(pool, 0, fields, 0, n);
        v.fields = fields;
        return v;
    }

    // ---------------------------------------------------------------- scenarios

    private void inject(
            SimAgent a,
            SplittableRandom r,
            long shiftStart,
            LocalDate local,
            List<AccessEvent> out) {
        Label label = labels.get(a.scenario);
        List<AccessEvent> events = new ArrayList<>();
        long t = shiftStart + 2 * HOUR + r.nextInt(90) * MINUTE;
        switch (a.scenario) {
            case CARD_SEARCH_SWEEP:
                cardSearchSweep(a, r, t, events);
                break;
            case BULK_SCRAPE:
                bulkScrape(a, r, t, events);
                break;
            case OFF_HOURS_ACCESS:
                offHours(a, r, local, events);
                break;
            case NEW_COUNTRY:
                newCountry(a, r, shiftStart, events);
                break;
            case IMPOSSIBLE_TRAVEL:
                impossibleTravel(a, r, t, events);
                break;
            case PCI_REVEAL_WITHOUT_TICKET:
                pciRevealWithoutTicket(a, r, t, events);
                break;
            case DORMANT_ACCOUNT:
                dormant(a, r, shiftStart, events);
                break;
            case CREDENTIAL_STUFFING:
                credentialStuffing(a, r, t, events);
                break;
            case LOW_AND_SLOW:
                return; // injected on every working day by lowAndSlow
            default:
                throw new IllegalStateException("no generator for " + a.scenario);
        }
        for (AccessEvent e : events) {
            label.add(e.eventId, e.timestamp);
        }
        out.addAll(events);
    }

    private void cardSearchSweep(SimAgent a, SplittableRandom r, long t, List<AccessEvent> out) {
        Session s = new Session(a, r, home(a), a.ip, a.userAgent);
        int searches = 30 + r.nextInt(20);
        for (int i = 0; i < searches; i++) {
            Customer c = customers[r.nextInt(customers.length)];
            AccessEvent e = s.event(t, Action.SEARCH, Outcome.SUCCESS);
            e.resourceType = "customer";
            e.query = cardQuery(c, r);
            e.resultCount = 1;
            e.fields = new String[] {"name", "payment_card.last4"};
            out.add(e);
            t += (20 + r.nextInt(60)) * 1000L;
            if (r.nextDouble() < 0.5) {
                out.add(view(s, t, c, null, BILLING_FIELDS, r));
                t += (15 + r.nextInt(40)) * 1000L;
            }
        }
    }

    private static String cardQuery(Customer c, SplittableRandom r) {
        String pan = c.cardNumber;
        switch (r.nextInt(6)) {
            case 0:
                return pan;
            case 1:
                return pan.length() == 16
                        ? pan.substring(0, 4)
                                + " "
                                + pan.substring(4, 8)
                                + " "
                                + pan.substring(8, 12)
                                + " "
                                + pan.substring(12)
                        : pan.substring(0, 4)
                                + " "
                                + pan.substring(4, 10)
                                + " "
                                + pan.substring(10);
            case 2:
                return pan.length() == 16
                        ? pan.substring(0, 4)
                                + "-"
                                + pan.substring(4, 8)
                                + "-"
                                + pan.substring(8, 12)
                                + "-"
                                + pan.substring(12)
                        : pan;
            case 3:
                return "last4 " + c.last4();
            case 4:
                return "card ending in " + c.last4();
            default:
                return pan.substring(0, 6);
        }
    }

    private void lowAndSlow(
            SimAgent a, SplittableRandom r, long shiftStart, List<AccessEvent> out) {
        Label label = labels.get(Scenario.LOW_AND_SLOW);
        Session s = new Session(a, r, home(a), a.ip, a.userAgent);
        int extra = 3 + r.nextInt(3);
        for (int i = 0; i < extra; i++) {
            long t = shiftStart + HOUR + r.nextInt(6 * 60) * MINUTE + r.nextInt(60) * 1000L;
            Customer c = customers[r.nextInt(customers.length)];
            AccessEvent e = s.event(t, Action.SEARCH, Outcome.SUCCESS);
            e.resourceType = "customer";
            e.query = "last 4 " + c.last4();
            e.resultCount = 1;
            out.add(e);
            label.add(e.eventId, e.timestamp);
        }
    }

    private void bulkScrape(SimAgent a, SplittableRandom r, long t, List<AccessEvent> out) {
        Session s = new Session(a, r, home(a), a.ip, a.userAgent);
        int views = 220 + r.nextInt(80);
        for (int i = 0; i < views; i++) {
            out.add(view(s, t, customers[r.nextInt(customers.length)], null, CUSTOMER_FIELDS, r));
            t += (5 + r.nextInt(12)) * 1000L;
        }
        AccessEvent export = s.event(t, Action.EXPORT, Outcome.SUCCESS);
        export.resourceType = "customer_list";
        export.resourceId = "search-results";
        export.fields = new String[] {"name", "email", "phone", "address.line1"};
        export.resultCount = 4000 + r.nextInt(2000);
        out.add(export);
    }

    private void offHours(SimAgent a, SplittableRandom r, LocalDate local, List<AccessEvent> out) {
        long t = local.atTime(2, 5 + r.nextInt(30)).atZone(a.zone).toInstant().toEpochMilli();
        Session s =
                new Session(a, r, home(a), a.site.ipPrefix + (220 + r.nextInt(30)), a.userAgent);
        out.add(s.event(t, Action.LOGIN, Outcome.SUCCESS));
        t += 2 * MINUTE;
        for (int i = 0; i < 15; i++) {
            out.add(view(s, t, customers[r.nextInt(customers.length)], null, CUSTOMER_FIELDS, r));
            t += (40 + r.nextInt(120)) * 1000L;
        }
        out.add(s.event(t, Action.LOGOUT, Outcome.SUCCESS));
    }

    private void newCountry(
            SimAgent a, SplittableRandom r, long shiftStart, List<AccessEvent> out) {
        Site away = Site.FOREIGN[r.nextInt(Site.FOREIGN.length)];
        long t = shiftStart - 3 * HOUR;
        Session s = new Session(a, r, away, away.ipPrefix + (10 + r.nextInt(200)), a.userAgent);
        out.add(s.event(t, Action.LOGIN, Outcome.SUCCESS));
        t += 3 * MINUTE;
        for (int i = 0; i < 20; i++) {
            out.add(view(s, t, customers[r.nextInt(customers.length)], null, CUSTOMER_FIELDS, r));
            t += (60 + r.nextInt(120)) * 1000L;
        }
        out.add(s.event(t, Action.LOGOUT, Outcome.SUCCESS));
    }

    private void impossibleTravel(SimAgent a, SplittableRandom r, long t, List<AccessEvent> out) {
        // The agent is at their desk (normal shift); 20 minutes later a session from far away.
        Site away = Site.FOREIGN[r.nextInt(Site.FOREIGN.length)];
        Session s = new Session(a, r, away, away.ipPrefix + (10 + r.nextInt(200)), a.userAgent);
        out.add(s.event(t, Action.LOGIN, Outcome.SUCCESS));
        t += MINUTE;
        for (int i = 0; i < 10; i++) {
            out.add(view(s, t, customers[r.nextInt(customers.length)], null, CUSTOMER_FIELDS, r));
            t += (30 + r.nextInt(60)) * 1000L;
        }
    }

    private void pciRevealWithoutTicket(
            SimAgent a, SplittableRandom r, long t, List<AccessEvent> out) {
        Session s = new Session(a, r, home(a), a.ip, a.userAgent);
        for (int i = 0; i < 8; i++) {
            Customer c = customers[r.nextInt(customers.length)];
            AccessEvent e = s.event(t, Action.REVEAL, Outcome.SUCCESS);
            e.resourceType = "payment_card";
            e.resourceId = c.id + "-card-1";
            e.customerId = c.id;
            e.fields = new String[] {"payment_card.number", "payment_card.expiry"};
            out.add(e);
            t += (5 + r.nextInt(15)) * MINUTE;
        }
    }

    private void dormant(SimAgent a, SplittableRandom r, long shiftStart, List<AccessEvent> out) {
        long t = shiftStart + r.nextInt(120) * MINUTE;
        Session s = new Session(a, r, home(a), a.ip, a.userAgent);
        out.add(s.event(t, Action.LOGIN, Outcome.SUCCESS));
        t += 2 * MINUTE;
        for (int i = 0; i < 40; i++) {
            out.add(view(s, t, customers[r.nextInt(customers.length)], null, CUSTOMER_FIELDS, r));
            t += (30 + r.nextInt(90)) * 1000L;
        }
        out.add(s.event(t, Action.LOGOUT, Outcome.SUCCESS));
    }

    private void credentialStuffing(SimAgent a, SplittableRandom r, long t, List<AccessEvent> out) {
        Site away = Site.FOREIGN[r.nextInt(Site.FOREIGN.length)];
        Session s =
                new Session(
                        a,
                        r,
                        away,
                        away.ipPrefix + (10 + r.nextInt(200)),
                        "python-requests/2.32.3");
        int failures = 20 + r.nextInt(15);
        for (int i = 0; i < failures; i++) {
            out.add(s.event(t, Action.LOGIN_FAILED, Outcome.FAILURE));
            t += (2 + r.nextInt(8)) * 1000L;
        }
        out.add(s.event(t, Action.LOGIN, Outcome.SUCCESS));
        t += 30_000L;
        for (int i = 0; i < 10; i++) {
            out.add(view(s, t, customers[r.nextInt(customers.length)], null, CUSTOMER_FIELDS, r));
            t += (3 + r.nextInt(10)) * 1000L;
        }
    }

    private static Site home(SimAgent a) {
        return a.site;
    }

    /** Builds events of one login session. */
    private static final class Session {
        private final SimAgent agent;
        private final SplittableRandom random;
        private final Site place;
        private final String ip;
        private final String userAgent;
        private final String sessionId;

        Session(SimAgent agent, SplittableRandom random, Site place, String ip, String userAgent) {
            this.agent = agent;
            this.random = random;
            this.place = place;
            this.ip = ip;
            this.userAgent = userAgent;
            this.sessionId = uuid(random);
        }

        AccessEvent event(long t, Action action, Outcome outcome) {
            AccessEvent e = new AccessEvent();
            e.eventId = uuid(random);
            e.timestamp = t;
            e.agentId = agent.id;
            e.agentName = agent.name;
            e.agentRole = agent.role;
            e.agentTeam = agent.team;
            e.agentTimezone = agent.site.timezone;
            e.action = action;
            e.outcome = outcome;
            e.sourceIp = ip;
            e.sourceCountry = place.country;
            e.sourceLat = place.lat;
            e.sourceLon = place.lon;
            e.sessionId = sessionId;
            e.userAgent = userAgent;
            return e;
        }

        /**
         * A seeded UUID. Its 8-4-4-4-12 shape can never hold a card number, so the masking of every
         * string never changes a simulated id (random hex could, one id in a thousand).
         */
        private static String uuid(SplittableRandom r) {
            return new java.util.UUID(r.nextLong(), r.nextLong()).toString();
        }
    }

    private static final class Pending {
        final AccessEvent event;
        final long seq;

        Pending(AccessEvent event, long seq) {
            this.event = event;
            this.seq = seq;
        }
    }
}
