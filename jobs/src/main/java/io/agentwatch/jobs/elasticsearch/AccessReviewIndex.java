package io.agentwatch.jobs.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentwatch.models.output.EcsDocuments;
import io.agentwatch.models.review.FieldReview;
import java.io.IOException;
import java.util.List;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

/**
 * Writes an access review to the {@code <prefix>-access-review} index, one document per group,
 * field and period with an id derived from the three, so writing the same period again replaces it.
 */
public final class AccessReviewIndex {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AccessReviewIndex() {}

    public static String id(FieldReview r, long from, long to) {
        return EsDocumentConverters.sha256(
                r.groupKind + "\n" + r.group + "\n" + r.field + "\n" + from + "\n" + to);
    }

    /** Bulk-indexes the rows; throws naming the first document Elasticsearch refused. */
    public static void write(
            RestClient rest, IndexNames names, List<FieldReview> reviews, long from, long to)
            throws IOException {
        if (reviews.isEmpty()) {
            return;
        }
        StringBuilder body = new StringBuilder(reviews.size() * 600);
        for (FieldReview r : reviews) {
            body.append("{\"index\":{\"_index\":\"")
                    .append(names.accessReview())
                    .append("\",\"_id\":\"")
                    .append(id(r, from, to))
                    .append("\"}}\n")
                    .append(EcsDocuments.accessReview(r, from, to))
                    .append('\n');
        }
        Request bulk = new Request("POST", "/_bulk");
        bulk.addParameter("refresh", "wait_for");
        bulk.setJsonEntity(body.toString());
        JsonNode result =
                JSON.readTree(EntityUtils.toString(rest.performRequest(bulk).getEntity()));
        if (result.path("errors").asBoolean()) {
            for (JsonNode item : result.path("items")) {
                JsonNode error = item.path("index").path("error");
                if (!error.isMissingNode()) {
                    throw new IOException(
                            names.accessReview() + " refused a document: " + error.toString());
                }
            }
        }
    }
}
