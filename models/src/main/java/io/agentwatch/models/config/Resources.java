package io.agentwatch.models.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Text files shipped on the classpath (rules, templates, dashboards, the report page). */
public final class Resources {
    private Resources() {}

    /**
     * The UTF-8 text of a classpath resource (an absolute name, e.g. {@code /agentwatch/x.json}).
     */
    public static String text(String name) throws IOException {
        try (InputStream in = Resources.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
