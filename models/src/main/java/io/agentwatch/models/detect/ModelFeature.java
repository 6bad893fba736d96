package io.agentwatch.models.detect;

/**
 * One feature in a model finding's explanation: its value in the hour against the agent's usual
 * value and its peers' (role's) typical one, and how far it stands out (robust standard units of
 * the peers' spread). A Flink POJO.
 */
public class ModelFeature {
    public String name;
    public double value;

    /** The agent's usual value, or null while the agent has too little history. */
    public Double agentUsual;

    public double peerUsual;
    public double deviation;

    public ModelFeature() {}
}
