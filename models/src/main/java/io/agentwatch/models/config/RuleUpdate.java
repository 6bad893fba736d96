package io.agentwatch.models.config;

/**
 * A rule file sent to a running job (e.g. on a control topic): its file name ({@code <id>.json})
 * and content. A Flink POJO.
 */
public class RuleUpdate {
    public String file;
    public String json;

    public RuleUpdate() {}

    public RuleUpdate(String file, String json) {
        this.file = file;
        this.json = json;
    }
}
