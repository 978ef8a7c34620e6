package io.ipamctl.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The API server's timestamps read without java.time's formatter give exactly what Instant.parse gives. */
class CreationTimeTest {

    private static Instant javaTime(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Test
    void theServersFormIsReadAsInstantParseReadsIt() {
        Random random = new Random(14);
        for (int i = 0; i < 20_000; i++) {
            // any second from 1900 to 2200, leap days and month ends included
            Instant at = Instant.ofEpochSecond(-2_208_988_800L + (long) (random.nextDouble() * 9_467_280_000L));
            String text = at.toString();
            assertEquals(20, text.length(), text);
            assertEquals(at, CreationTime.plainUtc(text), text);
            assertEquals(at, CreationTime.parse(text), text);
        }
        assertEquals(Instant.parse("2024-02-29T23:59:59Z"), CreationTime.plainUtc("2024-02-29T23:59:59Z"));
        assertEquals(Instant.parse("0000-01-01T00:00:00Z"), CreationTime.plainUtc("0000-01-01T00:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-11-02T08:15:00.5Z", // a fraction
                "2026-11-02T08:15:00+01:00", // an offset
                "2026-12-31T23:59:60Z", // a leap second (Instant.parse reads it as :59)
                "2026-02-29T10:00:00Z", // no such day
                "2026-04-31T10:00:00Z",
                "2026-13-01T10:00:00Z",
                "2026-00-01T10:00:00Z",
                "2026-01-00T10:00:00Z",
                "2026-01-01T24:00:00Z",
                "2026-01-01T10:60:00Z",
                "2026-01-01t10:00:00Z",
                "2026-01-01T10:00:00z",
                "2026-01-01 10:00:00Z",
                "2026-1-01T10:00:00Z",
                "2026-01-01T10:00:0aZ",
                "+2026-01-01T10:00:0Z",
                "-026-01-01T10:00:00Z",
                "2026-01-01T1０:00:00Z", // a digit outside ASCII
                "garbage",
            })
    void anythingElseIsLeftToInstantParse(String text) {
        assertNull(CreationTime.plainUtc(text), text);
        assertEquals(javaTime(text), CreationTime.parse(text), text);
    }
}
