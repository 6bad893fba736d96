package io.agentwatch.models.simulator;

/** A contact-centre site: where agents sit, which time zone, which office network. */
final class Site {
    final String name;
    final String country;
    final String timezone;
    final double lat;
    final double lon;
    final String ipPrefix;

    Site(String name, String country, String timezone, double lat, double lon, String ipPrefix) {
        this.name = name;
        this.country = country;
        this.timezone = timezone;
        this.lat = lat;
        this.lon = lon;
        this.ipPrefix = ipPrefix;
    }

    static final Site[] ALL = {
        new Site("austin", "US", "America/Chicago", 30.2672, -97.7431, "10.10.4."),
        new Site("dublin", "IE", "Europe/Dublin", 53.3498, -6.2603, "10.20.8."),
        new Site("manila", "PH", "Asia/Manila", 14.5995, 120.9842, "10.30.2."),
        new Site("pune", "IN", "Asia/Kolkata", 18.5204, 73.8567, "10.40.6."),
    };

    /** Places no agent works from: where new-country and impossible-travel activity comes from. */
    static final Site[] FOREIGN = {
        new Site("bucharest", "RO", "Europe/Bucharest", 44.4268, 26.1025, "198.51.100."),
        new Site("lagos", "NG", "Africa/Lagos", 6.5244, 3.3792, "203.0.113."),
        new Site("sao-paulo", "BR", "America/Sao_Paulo", -23.5505, -46.6333, "192.0.2."),
        new Site("hanoi", "VN", "Asia/Ho_Chi_Minh", 21.0278, 105.8342, "198.51.100."),
    };
}
