package io.agentwatch.models.review;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** An access review as CSV: one row per group and field, evidence as {@code agent:without/all}. */
public final class AccessReviewCsv {
    public static final String HEADER =
            "group_kind,group,field,sensitivity,recommendation,agents_in_group,agents_accessed,"
                    + "agent_share,accesses,ticket_share,customers,evidence,reason";

    private AccessReviewCsv() {}

    public static void write(List<FieldReview> reviews, Writer out) throws IOException {
        out.write(HEADER);
        out.write('\n');
        for (FieldReview r : reviews) {
            String evidence =
                    r.evidence.stream()
                            .map(a -> a.agentId() + ":" + a.withoutTicket() + "/" + a.accesses())
                            .collect(Collectors.joining(" "));
            out.write(
                    String.join(
                            ",",
                            csv(r.groupKind),
                            csv(r.group),
                            csv(r.field),
                            r.sensitivity,
                            r.recommendation.label(),
                            Integer.toString(r.agentsInGroup),
                            Integer.toString(r.agentsAccessed),
                            String.format(Locale.ROOT, "%.3f", r.agentShare()),
                            Long.toString(r.accesses),
                            String.format(Locale.ROOT, "%.3f", r.ticketShare()),
                            Long.toString(r.customers),
                            csv(evidence),
                            csv(r.reason)));
            out.write('\n');
        }
    }

    /** Quotes a value holding a comma, quote or line break (group names are free text). */
    private static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
