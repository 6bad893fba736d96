package io.agentwatch.models.sensitivity;

/** How sensitive a customer data field is, least to most. */
public enum SensitivityClass {
    NONE,
    /** Personal data: name, email, phone, address. */
    PII,
    /** Personal data whose exposure causes harm: national ids, dates of birth, bank accounts. */
    SENSITIVE_PII,
    /** Payment-card data in PCI DSS scope. */
    PCI;

    public int bit() {
        return 1 << ordinal();
    }

    public boolean in(int bits) {
        return (bits & bit()) != 0;
    }

    /** The most sensitive class in a bit set, or NONE for an empty set. */
    public static SensitivityClass highest(int bits) {
        SensitivityClass[] all = values();
        for (int i = all.length - 1; i > 0; i--) {
            if (all[i].in(bits)) {
                return all[i];
            }
        }
        return NONE;
    }
}
