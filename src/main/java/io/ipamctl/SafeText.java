package io.ipamctl;

/** Makes untrusted text (names, values from the server or the user) safe to put on one line. */
public final class SafeText {

    private SafeText() {}

    /** Control characters (newline, ESC, ...) are shown as \xNN so they cannot break a line or a table. */
    public static String printable(String s) {
        if (s == null) {
            return "";
        }
        if (!hasControl(s)) {
            return s;
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0);
            if (control && sb == null) {
                sb = new StringBuilder(s.substring(0, i));
            }
            if (sb != null) {
                if (control) {
                    sb.append(String.format("\\x%02x", (int) c));
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }

    /**
     * Whether any char is a control character, looked for in the Latin-1 bytes (every char above U+00FF
     * becomes '?', no control character): a copy and a loop over an array instead of a charAt() per char,
     * which costs a call per char in C1-compiled code (every cell of a 100k-row table passes here).
     */
    private static boolean hasControl(String s) {
        byte[] latin1 = s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        for (byte b : latin1) {
            int c = b & 0xff;
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                return true;
            }
        }
        return false;
    }
}
