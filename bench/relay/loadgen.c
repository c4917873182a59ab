/*
 * loadgen: RTP load generator and checker for the media relay benchmark.
 *
 *   loadgen --calls FILE --duration S [--warmup S] [--drain S] [--threads T] [--local ADDR] [--watch PID]...
 *
 * FILE has one call per line: "INDEX A_PORT B_PORT RELAY_A_HOST:PORT RELAY_B_HOST:PORT". Endpoint A binds
 * ADDR:A_PORT and talks to the relay's A side, endpoint B binds ADDR:B_PORT and talks to its B side. Each
 * endpoint sends 172-byte RTP packets (PT 0, 20 ms) at 50 packets/s; the sends of all endpoints are spread
 * evenly over the 20 ms period. The payload carries the send time (CLOCK_MONOTONIC), call, direction and a
 * 32-bit sequence number, so what arrives at the other endpoint can be checked and its latency measured.
 *
 * Endpoints connect() their socket to the relay port they send to and therefore accept packets from that
 * port only: symmetric RTP, as a phone behind a port-restricted NAT sees it.
 *
 * Only packets *sent* within [warmup, warmup + duration) are counted, on both sides; after the window the
 * endpoints stop sending and keep receiving for the drain time (a packet later than that counts as lost).
 * CPU time of this process and of the watched PIDs (utime + stime from /proc/PID/stat) is sampled at the
 * window's edges. The result is one line of key=value pairs on stdout; errors go to stderr (exit status 1).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum {
    PKT_LEN = 172,             /* 12-byte RTP header + 160 bytes of PCMU (20 ms) */
    RTP_HDR = 12,
    VLEN = 16,                 /* recvmmsg batch */
    MAX_EVENTS = 256,
    FINE_BUCKETS = 10000,      /* latency histogram: 10 us buckets up to 100 ms, ... */
    NBUCKETS = 19900,          /* ... then 1 ms buckets up to 10 s, then one overflow bucket */
    MAX_BURST = 256,           /* sends in a row before the sockets are polled again */
    MAX_WATCH = 64,
};
static const int64_t PERIOD_NS = 20000000;     /* 50 packets/s per stream */
/* A worker wakes up at most once per tick and then sends what is due and reads what has arrived. Waking up
 * per packet would cost more CPU than the packet (wake-ups are expensive in a VM) and leave less for the
 * relay on the shared cores; the price is up to a tick of added latency and sends grouped per tick. */
static const int64_t TICK_NS = 200000;
static const int64_t LATE_NS = 1000000;        /* a send more than 1 ms behind its schedule is "late" */
static const uint32_t MAGIC = 0x4e4a4c47;      /* "NJLG" */
static const int64_t FINE_NS = 10000, COARSE_NS = 1000000;

/* Follows the RTP header; host byte order (sender and receiver are this process). */
struct payload {
    uint64_t sent_ns;
    uint32_t magic, call, dir, seq;
};

struct endpoint {
    int fd;
    uint32_t call, dir;          /* sends stream dir (0 = A->B, 1 = B->A), receives stream 1 - dir */
    int64_t phase_ns;            /* offset of its sends within the period */
    uint32_t tx_seq;
    bool rx_any;                 /* receive side: highest sequence seen and a bitmap of the 64 below it */
    uint32_t rx_max;
    uint64_t rx_seen;
};

struct dirstats {
    uint64_t sent, received, dup, reordered;
    int64_t max_ns;
    uint64_t hist[NBUCKETS + 1];
};

struct worker {
    pthread_t thread;
    struct endpoint *eps;        /* in order of phase */
    size_t n;
    int epfd;
    struct dirstats st[2];
    uint64_t foreign, send_errors, late_sends;
    int64_t max_lag_ns;
    struct mmsghdr msgs[VLEN];
    struct iovec iov[VLEN];
    unsigned char bufs[VLEN][2048];
};

/* Schedule, shared read-only by the workers once they run. */
static int64_t t_start, w_start, w_end, t_stop;

static void die(const char *what)
{
    perror(what);
    exit(1);
}

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void sleep_until(int64_t t)
{
    struct timespec ts = { .tv_sec = t / 1000000000, .tv_nsec = t % 1000000000 };
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
        ;
}

static bool in_window(int64_t sent_ns)
{
    return sent_ns >= w_start && sent_ns < w_end;
}

static void send_one(struct worker *w, struct endpoint *e, int64_t due)
{
    unsigned char pkt[PKT_LEN] = { 0x80, 0 };              /* RTP v2, PT 0 (PCMU) */
    uint16_t seq16 = htons((uint16_t)e->tx_seq);
    uint32_t ts = htonl(e->tx_seq * 160);
    uint32_t ssrc = htonl(0x10000000u + e->call * 2 + e->dir);
    memcpy(pkt + 2, &seq16, 2);
    memcpy(pkt + 4, &ts, 4);
    memcpy(pkt + 8, &ssrc, 4);

    int64_t t = now_ns();
    struct payload p = { .sent_ns = (uint64_t)t, .magic = MAGIC, .call = e->call, .dir = e->dir, .seq = e->tx_seq++ };
    memcpy(pkt + RTP_HDR, &p, sizeof p);
    if (send(e->fd, pkt, sizeof pkt, MSG_DONTWAIT) != (ssize_t)sizeof pkt) {
        w->send_errors++;
        return;
    }
    if (in_window(t)) {
        w->st[e->dir].sent++;
        if (t - due > LATE_NS)
            w->late_sends++;
        if (t - due > w->max_lag_ns)
            w->max_lag_ns = t - due;
    }
}

static size_t bucket(int64_t ns)
{
    int64_t fine_end = FINE_BUCKETS * FINE_NS;
    int64_t b = ns < fine_end ? ns / FINE_NS : FINE_BUCKETS + (ns - fine_end) / COARSE_NS;
    return b < NBUCKETS ? (size_t)b : NBUCKETS;
}

static int64_t bucket_top_ns(size_t b)
{
    return b < FINE_BUCKETS ? (int64_t)(b + 1) * FINE_NS
                            : FINE_BUCKETS * FINE_NS + (int64_t)(b - FINE_BUCKETS + 1) * COARSE_NS;
}

/* Sequence bookkeeping of the stream arriving at e: returns false for a duplicate; *reordered for a
 * packet older than one already seen. */
static bool note_seq(struct endpoint *e, uint32_t seq, bool *reordered)
{
    *reordered = false;
    if (!e->rx_any || seq > e->rx_max) {
        uint32_t shift = e->rx_any ? seq - e->rx_max : 64;
        e->rx_seen = (shift >= 64 ? 0 : e->rx_seen << shift) | 1;
        e->rx_max = seq;
        e->rx_any = true;
        return true;
    }
    uint32_t back = e->rx_max - seq;
    *reordered = back > 0;
    if (back >= 64)
        return true;                      /* too old to tell a duplicate apart: count it */
    if (e->rx_seen >> back & 1)
        return false;
    e->rx_seen |= 1ull << back;
    return true;
}

static void account(struct worker *w, struct endpoint *e, const unsigned char *buf, size_t len, int64_t now)
{
    struct payload p;
    if (len != PKT_LEN) {
        w->foreign++;
        return;
    }
    memcpy(&p, buf + RTP_HDR, sizeof p);
    if (p.magic != MAGIC || p.call != e->call || p.dir != 1 - e->dir) {
        w->foreign++;                     /* not ours, or another call's / direction's packet */
        return;
    }
    bool reordered;
    bool fresh = note_seq(e, p.seq, &reordered);
    if (!in_window((int64_t)p.sent_ns))
        return;
    struct dirstats *s = &w->st[p.dir];
    if (!fresh) {
        s->dup++;
        return;
    }
    s->received++;
    s->reordered += reordered;
    int64_t lat = now - (int64_t)p.sent_ns;
    if (lat < 0)
        lat = 0;
    if (lat > s->max_ns)
        s->max_ns = lat;
    s->hist[bucket(lat)]++;
}

static void receive(struct worker *w, struct endpoint *e)
{
    for (;;) {
        int n = recvmmsg(e->fd, w->msgs, VLEN, MSG_DONTWAIT, NULL);
        if (n <= 0)
            return;                       /* EAGAIN, or a pending ICMP error (reported once) */
        int64_t now = now_ns();
        for (int i = 0; i < n; i++)
            account(w, e, w->bufs[i], w->msgs[i].msg_len, now);
        if (n < VLEN)
            return;
    }
}

static void *run_worker(void *arg)
{
    struct worker *w = arg;
    struct epoll_event evs[MAX_EVENTS];
    size_t idx = 0;
    int64_t round = t_start;              /* start of the current 20 ms period */
    int64_t last = t_start - TICK_NS;

    for (;;) {
        sleep_until(last + TICK_NS);
        int64_t now = now_ns(), wake;
        last = now;
        if (now >= t_stop)
            break;
        if (w->n > 0 && now < w_end) {
            for (int k = 0; k < MAX_BURST && round + w->eps[idx].phase_ns <= now; k++) {
                send_one(w, &w->eps[idx], round + w->eps[idx].phase_ns);
                if (++idx == w->n) {
                    idx = 0;
                    round += PERIOD_NS;
                }
            }
            wake = round + w->eps[idx].phase_ns;
        } else {
            wake = t_stop;
        }
        int64_t wait = wake - now_ns();   /* <= 0: due already, or behind schedule: only look at the sockets */
        if (wait < 0)
            wait = 0;
        else if (wait > 10000000)
            wait = 10000000;
        struct timespec ts = { .tv_sec = 0, .tv_nsec = wait };
        int n = epoll_pwait2(w->epfd, evs, MAX_EVENTS, &ts, NULL);
        if (n < 0 && errno != EINTR)
            die("epoll_pwait2");
        for (int i = 0; i < n; i++)
            receive(w, evs[i].data.ptr);
    }
    return NULL;
}

static void parse_addr(const char *s, struct sockaddr_in *sa)
{
    char host[64];
    unsigned port;
    memset(sa, 0, sizeof *sa);
    sa->sin_family = AF_INET;
    if (sscanf(s, "%63[^:]:%u", host, &port) != 2 || port > 65535 || inet_pton(AF_INET, host, &sa->sin_addr) != 1) {
        fprintf(stderr, "loadgen: bad address '%s' (want IPv4:PORT)\n", s);
        exit(1);
    }
    sa->sin_port = htons((uint16_t)port);
}

static int open_endpoint(const struct in_addr *local, unsigned port, const struct sockaddr_in *relay)
{
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr = *local, .sin_port = htons((uint16_t)port) };
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    if (fd < 0)
        die("socket");
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
        fprintf(stderr, "loadgen: cannot bind port %u: %s\n", port, strerror(errno));
        exit(1);
    }
    if (connect(fd, (const struct sockaddr *)relay, sizeof *relay) < 0)
        die("connect");
    return fd;
}

/* utime + stime of a process (all its threads) in clock ticks; -1 if it is gone. */
static long long proc_ticks(int pid)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    size_t len = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[len] = 0;
    char *p = strrchr(buf, ')');      /* the command name may hold spaces; fields 3.. follow it */
    unsigned long long ut, st;
    if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &st) != 2)
        return -1;
    return (long long)(ut + st);
}

static long long proc_rss_kib(int pid)
{
    char path[64], line[256];
    long long kib = -1;
    snprintf(path, sizeof path, "/proc/%d/status", pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "VmRSS: %lld", &kib) == 1)
            break;
    fclose(f);
    return kib;
}

/* Busy ticks of the whole machine (all CPUs) from /proc/stat. */
static long long machine_ticks(void)
{
    unsigned long long v[8] = { 0 };
    FILE *f = fopen("/proc/stat", "r");
    if (!f || fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5],
                     &v[6], &v[7]) != 8)
        die("/proc/stat");
    fclose(f);
    return (long long)(v[0] + v[1] + v[2] + v[5] + v[6] + v[7]);   /* all but idle and iowait */
}

struct sample {
    double self_s;
    long long watch_ticks, machine_ticks;
    bool watch_alive;
};

static void take_sample(struct sample *s, const int *watch, int nwatch)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    s->self_s = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
    s->watch_ticks = 0;
    s->watch_alive = true;
    for (int i = 0; i < nwatch; i++) {
        long long t = proc_ticks(watch[i]);
        if (t < 0)
            s->watch_alive = false;
        else
            s->watch_ticks += t;
    }
    s->machine_ticks = machine_ticks();
}

/* The q-quantile as the upper edge of its histogram bucket (at most the maximum), in microseconds. */
static double percentile_us(const uint64_t *hist, uint64_t total, int64_t max_ns, double q)
{
    if (total == 0)
        return 0;
    uint64_t want = (uint64_t)(q * (double)total), seen = 0;
    if (want < 1)
        want = 1;
    for (size_t b = 0; b < NBUCKETS; b++) {
        seen += hist[b];
        if (seen >= want)
            return (double)(bucket_top_ns(b) < max_ns ? bucket_top_ns(b) : max_ns) / 1000.0;
    }
    return (double)max_ns / 1000.0;
}

static void add_stats(struct dirstats *to, const struct dirstats *s)
{
    to->sent += s->sent;
    to->received += s->received;
    to->dup += s->dup;
    to->reordered += s->reordered;
    if (s->max_ns > to->max_ns)
        to->max_ns = s->max_ns;
    for (size_t b = 0; b <= NBUCKETS; b++)
        to->hist[b] += s->hist[b];
}

static void print_dir(const char *name, const struct dirstats *s)
{
    long long lost = (long long)s->sent - (long long)s->received;
    printf(" %s_sent=%llu %s_received=%llu %s_lost=%lld %s_loss_pct=%.4f %s_reordered=%llu %s_dup=%llu"
           " %s_p50_us=%.0f %s_p99_us=%.0f %s_max_us=%.0f",
           name, (unsigned long long)s->sent, name, (unsigned long long)s->received, name, lost,
           name, s->sent ? 100.0 * (double)lost / (double)s->sent : 0.0, name, (unsigned long long)s->reordered,
           name, (unsigned long long)s->dup, name, percentile_us(s->hist, s->received, s->max_ns, 0.50),
           name, percentile_us(s->hist, s->received, s->max_ns, 0.99), name, (double)s->max_ns / 1000.0);
}

static void usage(void)
{
    fprintf(stderr, "usage: loadgen --calls FILE --duration S [--warmup S] [--drain S] [--threads T] "
                    "[--local ADDR] [--watch PID]...\n");
    exit(2);
}

int main(int argc, char **argv)
{
    const char *calls_file = NULL, *local_s = "127.0.0.1";
    double duration = 0, warmup = 3, drain = 1;
    int threads = 2, watch[MAX_WATCH], nwatch = 0;
    static const struct option opts[] = {
        { "calls", required_argument, 0, 'c' }, { "duration", required_argument, 0, 'd' },
        { "warmup", required_argument, 0, 'w' }, { "drain", required_argument, 0, 'r' },
        { "threads", required_argument, 0, 't' }, { "local", required_argument, 0, 'l' },
        { "watch", required_argument, 0, 'p' }, { 0, 0, 0, 0 },
    };
    for (int o; (o = getopt_long(argc, argv, "", opts, NULL)) != -1;) {
        switch (o) {
        case 'c': calls_file = optarg; break;
        case 'd': duration = atof(optarg); break;
        case 'w': warmup = atof(optarg); break;
        case 'r': drain = atof(optarg); break;
        case 't': threads = atoi(optarg); break;
        case 'l': local_s = optarg; break;
        case 'p':
            if (nwatch == MAX_WATCH)
                usage();
            watch[nwatch++] = atoi(optarg);
            break;
        default: usage();
        }
    }
    if (!calls_file || duration <= 0 || warmup < 0 || drain < 0 || threads < 1)
        usage();
    struct in_addr local;
    if (inet_pton(AF_INET, local_s, &local) != 1)
        usage();

    /* Two sockets per call: lift the open-files limit to the hard limit. */
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }

    FILE *f = fopen(calls_file, "r");
    if (!f)
        die(calls_file);
    size_t ncalls = 0, cap = 0;
    struct { unsigned a_port, b_port; struct sockaddr_in ra, rb; } *calls = NULL;
    char line[256], ra[64], rb[64];
    unsigned idx, ap, bp;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (sscanf(line, "%u %u %u %63s %63s", &idx, &ap, &bp, ra, rb) != 5 || ap > 65535 || bp > 65535) {
            fprintf(stderr, "loadgen: %s: bad line: %s", calls_file, line);
            return 1;
        }
        if (ncalls == cap && !(calls = realloc(calls, (cap = cap ? 2 * cap : 256) * sizeof *calls)))
            die("realloc");
        calls[ncalls].a_port = ap;
        calls[ncalls].b_port = bp;
        parse_addr(ra, &calls[ncalls].ra);
        parse_addr(rb, &calls[ncalls].rb);
        ncalls++;
    }
    fclose(f);
    if (ncalls == 0) {
        fprintf(stderr, "loadgen: no calls in %s\n", calls_file);
        return 1;
    }

    /* Call i goes to worker i % threads. Stream k = 2i + dir starts k/(2N) of a period into it, so the
     * sends of all streams, and of each worker's streams, are spread evenly over the period. */
    struct worker *ws = calloc((size_t)threads, sizeof *ws);
    if (!ws)
        die("calloc");
    for (int t = 0; t < threads; t++) {
        ws[t].eps = calloc(2 * (ncalls / (size_t)threads + 1), sizeof *ws[t].eps);
        if (!ws[t].eps || (ws[t].epfd = epoll_create1(0)) < 0)
            die("worker");
        for (int i = 0; i < VLEN; i++) {
            ws[t].iov[i] = (struct iovec){ ws[t].bufs[i], sizeof ws[t].bufs[i] };
            ws[t].msgs[i].msg_hdr = (struct msghdr){ .msg_iov = &ws[t].iov[i], .msg_iovlen = 1 };
        }
    }
    for (size_t i = 0; i < ncalls; i++) {
        struct worker *w = &ws[i % (size_t)threads];
        for (uint32_t dir = 0; dir < 2; dir++) {
            struct endpoint *e = &w->eps[w->n++];
            e->call = (uint32_t)i;
            e->dir = dir;
            e->phase_ns = (int64_t)(2 * i + dir) * PERIOD_NS / (int64_t)(2 * ncalls);
            e->fd = dir == 0 ? open_endpoint(&local, calls[i].a_port, &calls[i].ra)
                             : open_endpoint(&local, calls[i].b_port, &calls[i].rb);
            struct epoll_event ev = { .events = EPOLLIN, .data.ptr = e };
            if (epoll_ctl(w->epfd, EPOLL_CTL_ADD, e->fd, &ev) < 0)
                die("epoll_ctl");
        }
    }

    t_start = now_ns() + 100000000;
    w_start = t_start + (int64_t)(warmup * 1e9);
    w_end = w_start + (int64_t)(duration * 1e9);
    t_stop = w_end + (int64_t)(drain * 1e9);
    for (int t = 0; t < threads; t++)
        if (pthread_create(&ws[t].thread, NULL, run_worker, &ws[t]) != 0)
            die("pthread_create");

    struct sample s0, s1;
    sleep_until(w_start);
    take_sample(&s0, watch, nwatch);
    sleep_until(w_end);
    take_sample(&s1, watch, nwatch);
    long long watch_rss = 0;
    for (int i = 0; i < nwatch; i++)
        watch_rss += proc_rss_kib(watch[i]);
    for (int t = 0; t < threads; t++)
        pthread_join(ws[t].thread, NULL);

    struct dirstats *tot = calloc(3, sizeof *tot);   /* A->B, B->A, both */
    uint64_t foreign = 0, send_errors = 0, late = 0;
    int64_t max_lag = 0;
    if (!tot)
        die("calloc");
    for (int t = 0; t < threads; t++) {
        for (int d = 0; d < 2; d++) {
            const struct dirstats *s = &ws[t].st[d];
            add_stats(&tot[d], s);
            add_stats(&tot[2], s);
        }
        foreign += ws[t].foreign;
        send_errors += ws[t].send_errors;
        late += ws[t].late_sends;
        if (ws[t].max_lag_ns > max_lag)
            max_lag = ws[t].max_lag_ns;
    }

    double hz = (double)sysconf(_SC_CLK_TCK);
    printf("calls=%zu threads=%d duration_s=%.1f offered_pps=%.0f sent_pps=%.0f received_pps=%.0f",
           ncalls, threads, duration, (double)ncalls * 2 * 1e9 / (double)PERIOD_NS,
           (double)tot[2].sent / duration, (double)tot[2].received / duration);
    print_dir("ab", &tot[0]);
    print_dir("ba", &tot[1]);
    print_dir("all", &tot[2]);
    printf(" all_p999_us=%.0f foreign=%llu send_errors=%llu late_sends=%llu send_lag_max_us=%.0f"
           " loadgen_cpu_s=%.3f relay_cpu_s=%.3f relay_alive=%d relay_rss_kib=%lld machine_cpu_s=%.3f\n",
           percentile_us(tot[2].hist, tot[2].received, tot[2].max_ns, 0.999), (unsigned long long)foreign,
           (unsigned long long)send_errors, (unsigned long long)late, (double)max_lag / 1000.0,
           s1.self_s - s0.self_s, (double)(s1.watch_ticks - s0.watch_ticks) / hz,
           s0.watch_alive && s1.watch_alive, watch_rss, (double)(s1.machine_ticks - s0.machine_ticks) / hz);
    return 0;
}
