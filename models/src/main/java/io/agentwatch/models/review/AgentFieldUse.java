package io.agentwatch.models.review;

/**
 * How one agent used one customer data field in one period: uses, uses with a ticket in context,
 * and the customers reached (a linear-counting bitmap of their ids' hashes). A Flink POJO.
 */
public class AgentFieldUse {
    public String field;
    public long accesses;
    public long withTicket;
    public long[] customers;

    public AgentFieldUse() {}
}
