package io.ipamctl.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Ages as kubectl's AGE column writes them (apimachinery's HumanDuration), at every boundary. */
class AgeTest {

    @Test
    void everyStepOfKubectlsFormat() {
        assertEquals("<invalid>", Age.of(Duration.ofSeconds(-2)));
        assertEquals("0s", Age.of(Duration.ofMillis(-1500)));
        assertEquals("0s", Age.of(Duration.ZERO));
        assertEquals("45s", Age.of(Duration.ofSeconds(45)));
        assertEquals("119s", Age.of(Duration.ofSeconds(119)));
        assertEquals("2m", Age.of(Duration.ofSeconds(120)));
        assertEquals("3m12s", Age.of(Duration.ofSeconds(192)));
        assertEquals("9m59s", Age.of(Duration.ofSeconds(599)));
        assertEquals("10m", Age.of(Duration.ofSeconds(601)));
        assertEquals("179m", Age.of(Duration.ofMinutes(179)));
        assertEquals("3h", Age.of(Duration.ofHours(3)));
        assertEquals("3h5m", Age.of(Duration.ofMinutes(185)));
        assertEquals("7h59m", Age.of(Duration.ofMinutes(479)));
        assertEquals("8h", Age.of(Duration.ofMinutes(481)));
        assertEquals("47h", Age.of(Duration.ofHours(47)));
        assertEquals("2d", Age.of(Duration.ofHours(48)));
        assertEquals("5d3h", Age.of(Duration.ofHours(123)));
        assertEquals("7d23h", Age.of(Duration.ofHours(191)));
        assertEquals("8d", Age.of(Duration.ofHours(193)));
        assertEquals("729d", Age.of(Duration.ofDays(729)));
        assertEquals("2y", Age.of(Duration.ofDays(730)));
        assertEquals("2y30d", Age.of(Duration.ofDays(760)));
        assertEquals("7y364d", Age.of(Duration.ofDays(8 * 365 - 1)));
        assertEquals("8y", Age.of(Duration.ofDays(8 * 365 + 40)));
    }

    @Test
    void sinceCountsToTheGivenMomentAndKnowsNoCreationTime() {
        Instant now = Instant.parse("2026-12-05T08:00:00Z");
        assertEquals("34d", Age.since(Instant.parse("2026-11-01T06:30:00Z"), now));
        assertEquals("3h5m", Age.since(Instant.parse("2026-12-05T04:55:00Z"), now));
        assertEquals(Age.UNKNOWN, Age.since(null, now));
    }

    @Test
    void anAgeTextReadsBackAsItsSecondsForSorting() {
        assertEquals(45L, Age.seconds("45s"));
        assertEquals(185 * 60L, Age.seconds("3h5m"));
        assertEquals(760 * 86400L, Age.seconds("2y30d"));
        assertNull(Age.seconds(Age.UNKNOWN));
        assertNull(Age.seconds(""));
        assertNull(Age.seconds(null));
    }
}
