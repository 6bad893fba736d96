package io.agentwatch.jobs.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves secret references in configuration values, so secrets need not appear on command lines
 * or in config files: {@code ${env:NAME}} reads an environment variable, {@code ${file:/path}} a
 * file (trailing newline dropped). Other values are returned as they are. Errors name what was
 * asked for, never a value.
 */
public final class Secrets {
    private Secrets() {}

    public static String resolve(String value, String what) {
        if (value == null || !value.startsWith("${") || !value.endsWith("}")) {
            return value;
        }
        String ref = value.substring(2, value.length() - 1);
        if (ref.startsWith("env:")) {
            String name = ref.substring(4);
            String v = System.getenv(name);
            if (v == null) {
                throw new IllegalArgumentException(
                        what + ": environment variable " + name + " is not set");
            }
            return v;
        }
        if (ref.startsWith("file:")) {
            Path path = Path.of(ref.substring(5));
            try {
                return Files.readString(path, StandardCharsets.UTF_8).stripTrailing();
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        what
                                + ": cannot read secret file "
                                + path
                                + " ("
                                + e.getClass().getSimpleName()
                                + ")");
            }
        }
        return value;
    }
}
