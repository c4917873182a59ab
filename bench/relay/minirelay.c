/*
 * minirelay: the smallest useful RTP relay, as the physical ceiling of the relay benchmark.
 *
 *   minirelay --sessions N [--peers FILE] [--threads T] [--bind ADDR]
 *
 * Opens N sessions of two UDP sockets (legs A and B) on ADDR (default 127.0.0.1), prints
 * "CALL i ADDR:PORT_A ADDR:PORT_B" per session and then "READY", and forwards until it is killed: what
 * arrives on leg A leaves from leg B to B's peer, and the other way round. A leg's peer is the source of
 * the first packet it receives (symmetric latching); until then it is the address given for it in FILE
 * ("i A_HOST:PORT B_HOST:PORT" per line, as an SDP would say), or unknown (packets towards it are dropped).
 * Packets are read with recvmmsg and forwarded with sendmmsg, so a backlog on a socket costs one system
 * call each way; each of T threads (default 1) serves the sessions i with i % T == its number with its own
 * epoll set. This is the generic command interface of the benchmark (run.sh) for a relay under test.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

enum { BATCH = 32, MAX_EVENTS = 256, BUF_LEN = 2048 };

struct leg {
    int fd;
    struct sockaddr_in peer;
    bool have_peer, latched;
    struct leg *other;
};

struct session {
    struct leg a, b;
};

struct worker {
    pthread_t thread;
    int epfd;
    struct mmsghdr in[BATCH], out[BATCH];
    struct iovec in_iov[BATCH], out_iov[BATCH];
    struct sockaddr_in src[BATCH];
    unsigned char bufs[BATCH][BUF_LEN];
};

static void die(const char *what)
{
    perror(what);
    exit(1);
}

/* Reads what is queued on leg (up to BATCH at a time) and sends it on from the other leg. */
static void forward(struct worker *w, struct leg *leg)
{
    struct leg *to = leg->other;
    for (;;) {
        for (int i = 0; i < BATCH; i++)
            w->in[i].msg_hdr.msg_namelen = sizeof w->src[i];
        int n = recvmmsg(leg->fd, w->in, BATCH, MSG_DONTWAIT, NULL);
        if (n <= 0)
            return;                        /* EAGAIN, or a pending ICMP error (reported once) */
        if (!leg->latched) {
            leg->peer = w->src[0];
            leg->have_peer = leg->latched = true;
        }
        if (to->have_peer) {
            for (int i = 0; i < n; i++) {
                w->out_iov[i] = (struct iovec){ w->bufs[i], w->in[i].msg_len };
                w->out[i].msg_hdr = (struct msghdr){ .msg_name = &to->peer, .msg_namelen = sizeof to->peer,
                                                     .msg_iov = &w->out_iov[i], .msg_iovlen = 1 };
            }
            sendmmsg(to->fd, w->out, (unsigned)n, MSG_DONTWAIT);   /* what does not fit is dropped */
        }
        if (n < BATCH)
            return;
    }
}

static void *run_worker(void *arg)
{
    struct worker *w = arg;
    struct epoll_event evs[MAX_EVENTS];
    for (;;) {
        int n = epoll_wait(w->epfd, evs, MAX_EVENTS, -1);
        if (n < 0 && errno != EINTR)
            die("epoll_wait");
        for (int i = 0; i < n; i++)
            forward(w, evs[i].data.ptr);
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
        fprintf(stderr, "minirelay: bad address '%s' (want IPv4:PORT)\n", s);
        exit(1);
    }
    sa->sin_port = htons((uint16_t)port);
}

static void read_peers(const char *file, struct session *ss, unsigned n)
{
    FILE *f = fopen(file, "r");
    char line[256], a[64], b[64];
    unsigned i;
    if (!f)
        die(file);
    while (fgets(line, sizeof line, f)) {
        if (sscanf(line, "%u %63s %63s", &i, a, b) != 3 || i >= n)
            continue;                      /* peers of sessions beyond N are not needed */
        parse_addr(a, &ss[i].a.peer);
        parse_addr(b, &ss[i].b.peer);
        ss[i].a.have_peer = ss[i].b.have_peer = true;
    }
    fclose(f);
}

static unsigned open_leg(struct leg *leg, const struct in_addr *bind_addr, int epfd)
{
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr = *bind_addr };
    socklen_t len = sizeof sa;
    leg->fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    if (leg->fd < 0 || bind(leg->fd, (struct sockaddr *)&sa, sizeof sa) < 0
        || getsockname(leg->fd, (struct sockaddr *)&sa, &len) < 0)
        die("socket");
    struct epoll_event ev = { .events = EPOLLIN, .data.ptr = leg };
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, leg->fd, &ev) < 0)
        die("epoll_ctl");
    return ntohs(sa.sin_port);
}

static void usage(void)
{
    fprintf(stderr, "usage: minirelay --sessions N [--peers FILE] [--threads T] [--bind ADDR]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    long sessions = -1;
    int threads = 1;
    const char *peers = NULL, *bind_s = "127.0.0.1";
    static const struct option opts[] = {
        { "sessions", required_argument, 0, 's' }, { "peers", required_argument, 0, 'p' },
        { "threads", required_argument, 0, 't' }, { "bind", required_argument, 0, 'b' }, { 0, 0, 0, 0 },
    };
    for (int o; (o = getopt_long(argc, argv, "", opts, NULL)) != -1;) {
        switch (o) {
        case 's': sessions = atol(optarg); break;
        case 'p': peers = optarg; break;
        case 't': threads = atoi(optarg); break;
        case 'b': bind_s = optarg; break;
        default: usage();
        }
    }
    struct in_addr bind_addr;
    if (sessions < 0 || threads < 1 || inet_pton(AF_INET, bind_s, &bind_addr) != 1)
        usage();

    struct rlimit rl;                      /* two sockets per session */
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }

    struct session *ss = calloc((size_t)sessions + 1, sizeof *ss);
    struct worker *ws = calloc((size_t)threads, sizeof *ws);
    if (!ss || !ws)
        die("calloc");
    if (peers)
        read_peers(peers, ss, (unsigned)sessions);
    for (int t = 0; t < threads; t++) {
        struct worker *w = &ws[t];
        if ((w->epfd = epoll_create1(0)) < 0)
            die("epoll_create1");
        for (int i = 0; i < BATCH; i++) {
            w->in_iov[i] = (struct iovec){ w->bufs[i], BUF_LEN };
            w->in[i].msg_hdr = (struct msghdr){ .msg_name = &w->src[i], .msg_iov = &w->in_iov[i], .msg_iovlen = 1 };
        }
    }
    for (long i = 0; i < sessions; i++) {
        struct session *s = &ss[i];
        int epfd = ws[i % threads].epfd;
        s->a.other = &s->b;
        s->b.other = &s->a;
        unsigned pa = open_leg(&s->a, &bind_addr, epfd), pb = open_leg(&s->b, &bind_addr, epfd);
        printf("CALL %ld %s:%u %s:%u\n", i, bind_s, pa, bind_s, pb);
    }
    for (int t = 0; t < threads; t++)
        if (pthread_create(&ws[t].thread, NULL, run_worker, &ws[t]) != 0)
            die("pthread_create");
    printf("READY\n");
    fflush(stdout);
    for (int t = 0; t < threads; t++)
        pthread_join(ws[t].thread, NULL);
    return 0;
}
