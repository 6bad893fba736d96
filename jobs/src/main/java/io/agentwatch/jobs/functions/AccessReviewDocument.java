package io.agentwatch.jobs.functions;

/** One access review row as written: its document id and ECS JSON. A Flink POJO. */
public class AccessReviewDocument {
    public String id;
    public String json;

    public AccessReviewDocument() {}

    public AccessReviewDocument(String id, String json) {
        this.id = id;
        this.json = json;
    }
}
