package io.ipamctl;

/** Makes untrusted text (names, values from the server or the user) safe to put on one line. */
public final class SafeText {

    private SafeText() {}

    /** Control characters (newline, ESC, ...) are shown as \xNN so they cannot break a line or a table. */
    public static String printable(String s) {
        if (s == null) {
            return "";
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
}
