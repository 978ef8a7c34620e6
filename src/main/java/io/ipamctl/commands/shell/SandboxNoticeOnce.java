package io.ipamctl.commands.shell;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * The shell's stderr for the commands it runs: each --sandbox command opens the sandbox and says
 * so; the shell lets that notice through once, not before every answer. Everything else passes
 * unchanged, line by line.
 */
final class SandboxNoticeOnce extends Writer {

    static final String NOTICE = "ipamctl: using the built-in sandbox cluster";

    private final PrintWriter target;
    private final StringBuilder line = new StringBuilder();
    private boolean noticeShown;

    SandboxNoticeOnce(PrintWriter target) {
        this.target = target;
    }

    @Override
    public void write(char[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            line.append(buf[i]);
            if (buf[i] == '\n') {
                emitLine();
            }
        }
    }

    private void emitLine() {
        String text = line.toString();
        line.setLength(0);
        if (text.startsWith(NOTICE)) {
            if (noticeShown) {
                return;
            }
            noticeShown = true;
        }
        target.write(text);
    }

    @Override
    public void flush() {
        if (line.length() > 0
                && !NOTICE.startsWith(line.toString())
                && !line.toString().startsWith(NOTICE)) {
            target.write(line.toString());
            line.setLength(0);
        }
        target.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
