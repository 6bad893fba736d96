package io.agentwatch.models.risk;

/** An agent's risk and when it was last changed (it decays from there). A Flink POJO. */
public class RiskState {
    public double risk;
    public long at = Long.MIN_VALUE;

    public RiskState() {}
}
