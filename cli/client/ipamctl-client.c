/*
 * ipamctl-client: the native thin client of the warm ipamctl server (in the spirit of Nailgun's ng).
 * It speaks the protocol of src/main/java/io/ipamctl/client/Wire.java (see there) and behaves like the
 * Java client io.ipamctl.client.Client, which is the fallback where no C compiler is found.
 * cli/ipamctl compiles it on first use (cc -O2) and runs it as
 *
 *     ipamctl-client SOCKET BUILD TERMINAL [ARG...]
 *
 * Exit codes besides the command's: 111 no server answered, 112 the server declined the command;
 * in both cases nothing ran or was printed and the launcher runs the command in-process.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define NO_SERVER 111
#define DECLINED 112
#define CHUNK 65536
#define MAX_PAYLOAD (64 << 20)
#define CANCEL_WAIT_SECONDS 15

extern char **environ;

static int sock = -1;
static volatile sig_atomic_t interrupted;
static int out_broken, err_broken;

static void on_signal(int sig) { (void) sig; interrupted = 1; }

/* Writes all of buf to fd; -1 on error. */
static int write_all(int fd, const void *buf, size_t len) {
    const char *p = buf;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += n;
        len -= (size_t) n;
    }
    return 0;
}

static int send_frame(char type, const void *payload, size_t len) {
    unsigned char header[5] = {(unsigned char) (len >> 24), (unsigned char) (len >> 16), (unsigned char) (len >> 8),
                               (unsigned char) len, (unsigned char) type};
    if (write_all(sock, header, 5) < 0) return -1;
    return len == 0 ? 0 : write_all(sock, payload, len);
}

static int send_text(char type, const char *text) { return send_frame(type, text, strlen(text)); }

/* Reads exactly len bytes; 0 at a clean end before the first byte, -1 on error or a cut frame. */
static int read_all(void *buf, size_t len, int eof_ok) {
    char *p = buf;
    size_t got = 0;
    while (got < len) {
        ssize_t n = read(sock, p + got, len - got);
        if (n < 0) {
            if (errno == EINTR) continue;  /* the main loop sends the cancel */
            return -1;
        }
        if (n == 0) return got == 0 && eof_ok ? 0 : -1;
        got += (size_t) n;
    }
    return 1;
}

static uint32_t be32(const unsigned char *b) {
    return (uint32_t) b[0] << 24 | (uint32_t) b[1] << 16 | (uint32_t) b[2] << 8 | b[3];
}

static int lost(int running) {
    if (!running) return interrupted ? 130 : NO_SERVER;
    const char *m = "error: the ipamctl server went away during the command, which may be partly done; "
                    "run it again (see: ipamctl server status)\n";
    write_all(2, m, strlen(m));
    return 1;
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: ipamctl-client SOCKET BUILD TERMINAL [ARG...]\n");
        return 2;
    }
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    if (strlen(argv[1]) >= sizeof addr.sun_path) return NO_SERVER;
    strcpy(addr.sun_path, argv[1]);
    sock = socket(AF_UNIX, SOCK_STREAM, 0);
    if (sock < 0 || connect(sock, (struct sockaddr *) &addr, sizeof addr) < 0) return NO_SERVER;

    signal(SIGPIPE, SIG_IGN);
    struct sigaction sa = {.sa_handler = on_signal}; /* no SA_RESTART: a blocked read returns EINTR */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);

    char cwd[8192];
    if (!getcwd(cwd, sizeof cwd)) return NO_SERVER;
    size_t hello_len = strlen(argv[2]) + 32;
    char *hello = malloc(hello_len);
    snprintf(hello, hello_len, "ipamctl/1 run %s", argv[2]);
    int ok = send_text('H', hello) == 0 && send_text('D', cwd) == 0 && send_text('T', argv[3]) == 0;
    for (char **e = environ; ok && *e; e++) ok = send_text('E', *e) == 0;
    for (int i = 4; ok && i < argc; i++) ok = send_text('A', argv[i]) == 0;
    if (!ok || send_frame('C', NULL, 0) < 0) return NO_SERVER;

    int running = 0;
    unsigned char *payload = malloc(CHUNK);
    size_t capacity = CHUNK;
    uint32_t stdin_wanted = 0;   /* bytes the command asked for and waits on ('S'), 0 when none */
    time_t cancelled_at = 0;
    for (;;) {
        if (interrupted == 1) {  /* Ctrl-C: tell the server once; it answers 130 after the clean-up */
            interrupted = 2;
            cancelled_at = time(NULL);
            stdin_wanted = 0;
            if (send_frame('K', NULL, 0) < 0) return 130;
        }
        struct pollfd p[2] = {{.fd = sock, .events = POLLIN}, {.fd = 0, .events = POLLIN}};
        int timeout = cancelled_at ? (int) (cancelled_at + CANCEL_WAIT_SECONDS - time(NULL)) * 1000 : -1;
        if (cancelled_at && timeout <= 0) return 130;
        int r = poll(p, stdin_wanted ? 2 : 1, timeout);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) return lost(running);
        if (r == 0) return 130;
        if (stdin_wanted && p[1].revents) {
            char in[CHUNK];
            ssize_t n = read(0, in, stdin_wanted);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0 ? send_frame('.', NULL, 0) < 0 : send_frame('0', in, (size_t) n) < 0) return lost(running);
            stdin_wanted = 0;
        }
        if (!p[0].revents) continue;
        unsigned char header[5];
        if (read_all(header, 5, 1) <= 0) return lost(running);
        uint32_t len = be32(header);
        if (len > MAX_PAYLOAD) return lost(running);
        if (len > capacity) {
            payload = realloc(payload, len);
            capacity = len;
        }
        if (len > 0 && read_all(payload, len, 0) <= 0) return lost(running);
        switch (header[4]) {
            case 'R': running = 1; break;
            /* after a Ctrl-C nothing is to run in-process any more */
            case 'N': return interrupted ? 130 : DECLINED;
            case 'B': return interrupted ? 130 : NO_SERVER;
            case '1':
                if (!out_broken && write_all(1, payload, len) < 0) out_broken = 1;
                break;
            case '2':
                if (!err_broken && write_all(2, payload, len) < 0) err_broken = 1;
                break;
            case 'S':  /* the command reads stdin (-f -): read it when it comes, keep reading frames meanwhile */
                stdin_wanted = len == 4 ? be32(payload) : CHUNK;
                if (stdin_wanted == 0 || stdin_wanted > CHUNK) stdin_wanted = CHUNK;
                if (interrupted) stdin_wanted = 0;
                break;
            case 'X': return len == 4 ? (int) be32(payload) : 1;
            default: break; /* a newer server's frame: nothing to show */
        }
    }
}
