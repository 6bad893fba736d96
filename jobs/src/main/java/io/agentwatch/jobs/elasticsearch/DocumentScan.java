package io.agentwatch.jobs.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.function.Consumer;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

/**
 * Reads every document of an index (or pattern) in a time range, page by page with search_after
 * (sorted by time, then shard doc order): the report and the access review read what the job wrote.
 */
public final class DocumentScan {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int PAGE = 5_000;

    private DocumentScan() {}

    /**
     * @param toMillis exclusive end, or {@link Long#MAX_VALUE} for no end
     */
    public static void each(
            RestClient rest, String index, long fromMillis, long toMillis, Consumer<JsonNode> sink)
            throws IOException {
        JsonNode after = null;
        while (true) {
            ObjectNode body = JSON.createObjectNode().put("size", PAGE);
            ObjectNode range =
                    body.putObject("query")
                            .putObject("range")
                            .putObject("@timestamp")
                            .put("gte", fromMillis)
                            .put("format", "epoch_millis");
            if (toMillis != Long.MAX_VALUE) {
                range.put("lt", toMillis);
            }
            body.putArray("sort").add("@timestamp").add("_doc");
            if (after != null) {
                body.set("search_after", after);
            }
            Request r = new Request("POST", "/" + index + "/_search");
            r.addParameter("ignore_unavailable", "true");
            r.addParameter("allow_no_indices", "true");
            r.setJsonEntity(body.toString());
            JsonNode hits =
                    JSON.readTree(EntityUtils.toString(rest.performRequest(r).getEntity()))
                            .path("hits")
                            .path("hits");
            for (JsonNode h : hits) {
                sink.accept(h.path("_source"));
                after = h.path("sort");
            }
            if (hits.size() < PAGE) {
                return;
            }
        }
    }
}
