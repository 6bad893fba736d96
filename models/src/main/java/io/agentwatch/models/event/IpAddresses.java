package io.agentwatch.models.event;

/**
 * Literal IP address checks without DNS ({@code InetAddress.getByName} would resolve names).
 * Elasticsearch rejects a document whose {@code ip} field is not an address, so we reject early.
 */
public final class IpAddresses {
    private IpAddresses() {}

    public static boolean isValid(String s) {
        return s.indexOf(':') >= 0 ? isIpv6(s) : isIpv4(s);
    }

    static boolean isIpv4(String s) {
        int parts = 0;
        int i = 0;
        int n = s.length();
        while (i <= n) {
            int start = i;
            int v = 0;
            while (i < n && s.charAt(i) != '.') {
                char c = s.charAt(i);
                if (c < '0' || c > '9' || i - start >= 3) {
                    return false;
                }
                v = v * 10 + (c - '0');
                i++;
            }
            int len = i - start;
            if (len == 0 || v > 255 || (len > 1 && s.charAt(start) == '0')) {
                return false;
            }
            parts++;
            i++;
        }
        return parts == 4;
    }

    static boolean isIpv6(String s) {
        int n = s.length();
        if (n < 2 || n > 45) {
            return false;
        }
        int groups = 0;
        boolean compressed = false;
        int i = 0;
        if (s.startsWith("::")) {
            compressed = true;
            i = 2;
            if (i == n) {
                return true;
            }
        } else if (s.charAt(0) == ':') {
            return false;
        }
        while (i < n) {
            int start = i;
            while (i < n && s.charAt(i) != ':') {
                i++;
            }
            String group = s.substring(start, i);
            if (group.indexOf('.') >= 0) {
                // Embedded IPv4 must be last and counts as two groups.
                if (i != n || !isIpv4(group)) {
                    return false;
                }
                groups += 2;
                break;
            }
            if (group.isEmpty() || group.length() > 4 || !isHex(group)) {
                return false;
            }
            groups++;
            if (i < n) {
                i++; // past ':'
                if (i < n && s.charAt(i) == ':') {
                    if (compressed) {
                        return false;
                    }
                    compressed = true;
                    i++;
                } else if (i == n) {
                    return false; // trailing single ':'
                }
            }
        }
        return compressed ? groups < 8 : groups == 8;
    }

    private static boolean isHex(String g) {
        for (int k = 0; k < g.length(); k++) {
            char c = g.charAt(k);
            boolean hex =
                    (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex) {
                return false;
            }
        }
        return true;
    }
}
