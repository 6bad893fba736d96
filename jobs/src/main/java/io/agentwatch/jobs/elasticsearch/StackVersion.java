package io.agentwatch.jobs.elasticsearch;

import java.io.IOException;

/**
 * The Elastic Stack major version agentwatch's templates, client and saved objects are made for.
 */
public final class StackVersion {
    public static final int SUPPORTED_MAJOR = 8;

    private StackVersion() {}

    /** The major version of a version string such as {@code 8.19.21}, or -1 if it is none. */
    public static int major(String version) {
        try {
            return Integer.parseInt(version.split("\\.")[0]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Refuses a product whose version is not of the supported major.
     *
     * @param why what needs the supported major, e.g. "agentwatch needs Elasticsearch"
     */
    public static void requireSupported(String product, String version, String why)
            throws IOException {
        if (major(version) != SUPPORTED_MAJOR) {
            throw new IOException(
                    product
                            + " "
                            + version
                            + " is not supported: "
                            + why
                            + " "
                            + SUPPORTED_MAJOR
                            + ".x");
        }
    }
}
