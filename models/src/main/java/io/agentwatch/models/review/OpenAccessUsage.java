package io.agentwatch.models.review;

import io.agentwatch.models.detect.LinearCounting;
import java.util.Arrays;

/**
 * One agent's use of customer data fields in its open review period, laid out for counting event by
 * event ({@link AccessUsageCounter}); the period's {@link AgentAccessUsage} is made from it when
 * the period closes.
 *
 * <p>Every count of every field sits in one array, {@link #uses}, and the customers' bitmaps are
 * laid out word by word across fields: an event's fields all set the same customer's bit, so its
 * counts and bits are a few adjacent cache lines, where an object and a bitmap per field were two
 * cache misses per field (and two objects per field for the collector to copy). A Flink POJO.
 */
public class OpenAccessUsage {
    /** Fields an agent's first use makes room for; most agents use fewer in a period. */
    private static final int FIRST_CAPACITY = 8;

    private static final int MAX_CAPACITY = AgentAccessUsage.MAX_FIELDS + 1;

    public String agentId;
    public String agentRole;
    public String agentTeam;

    /** The period, event time: start inclusive, end exclusive; {@link Long#MIN_VALUE} if none. */
    public long periodStart = Long.MIN_VALUE;

    public long periodEnd;

    /**
     * Names of the fields used, {@link #fieldCount} of them, at most {@link
     * AgentAccessUsage#MAX_FIELDS} and then {@link AgentAccessUsage#OTHER}; null while none is.
     */
    public String[] fields;

    public int fieldCount;

    /**
     * With {@code c} the capacity ({@code fields.length}): field {@code i}'s uses at {@code i}, its
     * uses with a ticket at {@code c + i}, and word {@code w} of its customers' bitmap ({@link
     * LinearCounting}) at {@code (2 + w) * c + i}. Null while {@link #fields} is.
     */
    public long[] uses;

    public OpenAccessUsage() {}

    /** Rows of {@link #uses} per field: two counts and the bitmap's words. */
    private static final int ROWS = 2 + LinearCounting.LONGS;

    public int capacity() {
        return fields == null ? 0 : fields.length;
    }

    /**
     * Counts one use of field {@code i}: with a ticket in context or not, and for the customer
     * whose {@link LinearCounting#bit} is {@code customerBit} (negative: no customer).
     */
    public void count(int i, boolean withTicket, int customerBit) {
        long[] u = uses;
        int c = fields.length;
        u[i]++;
        if (withTicket) {
            u[c + i]++;
        }
        if (customerBit >= 0) {
            u[(2 + (customerBit >>> 6)) * c + i] |= 1L << (customerBit & 63);
        }
    }

    public long accesses(int i) {
        return uses[i];
    }

    public long withTicket(int i) {
        return uses[capacity() + i];
    }

    /** Field {@code i}'s customers' bitmap as {@link LinearCounting} keeps it; null if none. */
    public long[] customers(int i) {
        int c = capacity();
        long[] bits = new long[LinearCounting.LONGS];
        long any = 0;
        for (int w = 0; w < bits.length; w++) {
            bits[w] = uses[(2 + w) * c + i];
            any |= bits[w];
        }
        // A field's bitmap is made with its first customer, so an empty one was never made.
        return any == 0 ? null : bits;
    }

    /**
     * Sets field {@code i} whole, as a restored checkpoint holds it: {@code customers} is a bitmap
     * of {@link LinearCounting#LONGS}, or null.
     */
    public void set(int i, String field, long accesses, long withTicket, long[] customers) {
        int c = capacity();
        fields[i] = field;
        uses[i] = accesses;
        uses[c + i] = withTicket;
        for (int w = 0; w < LinearCounting.LONGS; w++) {
            uses[(2 + w) * c + i] = customers == null ? 0 : customers[w];
        }
    }

    /** Makes room for {@code n} fields, each row of {@link #uses} moving to the wider layout. */
    public void makeRoom(int n) {
        int from = capacity();
        if (n <= from) {
            return;
        }
        int to = from;
        while (to < n) {
            to = to == 0 ? FIRST_CAPACITY : Math.min(to + Math.max(4, to / 2), MAX_CAPACITY);
        }
        long[] wider = new long[ROWS * to];
        for (int row = 0; from > 0 && row < ROWS; row++) {
            System.arraycopy(uses, row * from, wider, row * to, from);
        }
        fields = fields == null ? new String[to] : Arrays.copyOf(fields, to);
        uses = wider;
    }

    /** The fields and their counts dropped, for the next period. */
    public void clearFields() {
        fields = null;
        uses = null;
        fieldCount = 0;
    }
}
