package io.ipamctl.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Utf8Writer writes exactly the bytes an OutputStreamWriter(UTF_8) writes, whatever the calls. */
class Utf8WriterTest {

    /** ASCII, Latin-1, BMP, a surrogate pair, its halves alone, and a NUL. */
    private static final String[] PIECES = {
        "a",
        "node-01   Output",
        " ",
        "\n",
        "é",
        "€",
        "\u0085",
        "\ud83d\ude00",
        "\ud83d",
        "\ude00",
        "\u0000",
        "x".repeat(9000)
    };

    @Test
    void randomCallSequencesGiveTheSameBytes() throws IOException {
        Random rnd = new Random(7);
        for (int round = 0; round < 2000; round++) {
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            ByteArrayOutputStream actual = new ByteArrayOutputStream();
            Writer a = new OutputStreamWriter(expected, StandardCharsets.UTF_8);
            Writer b = new Utf8Writer(actual);
            StringBuilder calls = new StringBuilder();
            for (int k = 1 + rnd.nextInt(8); k > 0; k--) {
                StringBuilder s = new StringBuilder();
                for (int p = rnd.nextInt(4); p >= 0; p--) {
                    String piece = PIECES[rnd.nextInt(PIECES.length)];
                    s.append(piece.length() > 100 && rnd.nextBoolean() ? piece.substring(0, 50) : piece);
                }
                String text = s.toString();
                int call = rnd.nextInt(5);
                calls.append(call).append(':').append(text.length()).append(' ');
                switch (call) {
                    case 0 -> {
                        a.write(text);
                        b.write(text);
                    }
                    case 1 -> {
                        int off = rnd.nextInt(text.length());
                        int len = rnd.nextInt(text.length() - off + 1);
                        a.write(text, off, len);
                        b.write(text, off, len);
                    }
                    case 2 -> {
                        a.write(text.charAt(0));
                        b.write(text.charAt(0));
                    }
                    case 3 -> {
                        a.write(text.toCharArray());
                        b.write(text.toCharArray());
                    }
                    default -> {
                        a.flush();
                        b.flush();
                        assertArrayEquals(
                                expected.toByteArray(), actual.toByteArray(), "round " + round + ": " + calls);
                    }
                }
            }
            a.close();
            b.close();
            assertArrayEquals(expected.toByteArray(), actual.toByteArray(), "round " + round + ": " + calls);
        }
    }

    @Test
    void printWriterLinesAsBefore() {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ByteArrayOutputStream actual = new ByteArrayOutputStream();
        for (var pair : new Object[][] {
            {new PrintWriter(new OutputStreamWriter(expected, StandardCharsets.UTF_8)), null},
            {new PrintWriter(new Utf8Writer(actual)), null}
        }) {
            PrintWriter w = (PrintWriter) pair[0];
            w.println("NODE      TABLE   PRIORITY");
            w.print('\ud83d');
            w.println("\ude00 half a pair per call");
            w.printf("%s=%d%n", "n_packets", 3);
            w.print(12L);
            w.flush();
        }
        assertArrayEquals(expected.toByteArray(), actual.toByteArray());
    }
}
