package org.scriptorium.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Tickets for the stream port, without Spring: what they name, and what is not a ticket. */
class StreamTicketsTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();

    private static StreamTickets at(Instant now, byte[] key) {
        return new StreamTickets(key, Clock.fixed(now, ZoneOffset.UTC), Duration.ofHours(1));
    }

    @Test
    @DisplayName("a ticket names its user and the moment their session signed in, until it expires")
    void roundTrip() {
        Instant signedIn = NOW.minusSeconds(600);
        String ticket = at(NOW, KEY).issue("U7K2Q", signedIn);
        assertThat(at(NOW, KEY).verify(ticket)).contains(new StreamTickets.Holder("U7K2Q", signedIn));
        assertThat(at(NOW.plusSeconds(3_599), KEY).verify(ticket)).isPresent();
        assertThat(at(NOW.plusSeconds(3_601), KEY).verify(ticket)).as("expired").isEmpty();
        assertThat(at(NOW, KEY).verify(at(NOW, KEY).issue("U7K2Q", null)))
                .contains(new StreamTickets.Holder("U7K2Q", null));
    }

    @Test
    @DisplayName("a ticket altered anywhere, signed under another key, or malformed is refused")
    void forgeries() {
        String ticket = at(NOW, KEY).issue("U7K2Q", NOW);
        String[] parts = ticket.split("\\.");
        assertThat(at(NOW, KEY).verify("U7K2R." + parts[1] + "." + parts[2] + "." + parts[3])).as("other user").isEmpty();
        assertThat(at(NOW, KEY).verify(parts[0] + "." + parts[1] + "." + (Long.parseLong(parts[2]) + 86_400) + "." + parts[3]))
                .as("longer life").isEmpty();
        byte[] otherKey = Arrays.copyOf(KEY, KEY.length);
        otherKey[0] ^= 1;
        assertThat(at(NOW, KEY).verify(at(NOW, otherKey).issue("U7K2Q", NOW))).as("other key").isEmpty();
        for (String bad : new String[]{null, "", "x", "a.b.c", "a.b.c.d.e", parts[0] + "." + parts[1] + "." + parts[2] + ".!!",
                ticket + "A", "x".repeat(500)}) {
            assertThat(at(NOW, KEY).verify(bad)).as(String.valueOf(bad)).isEmpty();
        }
    }
}
