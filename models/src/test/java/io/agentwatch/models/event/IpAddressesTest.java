package io.agentwatch.models.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.0.0.1",
                "255.255.255.255",
                "0.0.0.0",
                "::1",
                "::",
                "2001:db8::8a2e:370:7334",
                "fe80::1:2:3:4",
                "::ffff:192.0.2.1",
                "1:2:3:4:5:6:7:8"
            })
    void accepts(String ip) {
        assertThat(IpAddresses.isValid(ip)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "1.2.3",
                "1.2.3.4.5",
                "256.1.1.1",
                "01.2.3.4",
                "a.b.c.d",
                "host.example.com",
                "1:2:3:4:5:6:7:8:9",
                "1::2::3",
                ":1:2",
                "12345::1",
                "1.2.3.4:80",
                "gggg::1"
            })
    void rejects(String ip) {
        assertThat(IpAddresses.isValid(ip)).isFalse();
    }
}
