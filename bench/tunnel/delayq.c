/*
 * delayq: holds every packet of an NFQUEUE queue for a fixed time before it goes on, a one-way delay for
 * kernels without sch_netem. A packet stays inside the kernel's path (TCP retransmissions wait too); the program
 * only decides when it continues. The delay is constant, so packets keep their order.
 *
 *   delayq QUEUE DELAY_MS     e.g. iptables -A OUTPUT -p tcp --dport 4443 -j NFQUEUE --queue-num 7 --queue-bypass
 *
 * Stops on SIGTERM or SIGINT, letting every held packet go first. Prints how many packets it held on exit.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <libnetfilter_queue/libnetfilter_queue.h>
#include <linux/netfilter.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define HELD_MAX (1 << 20) /* packets held at once: 20,000 packets/s for 50 s */

struct held {
    uint32_t id;
    uint64_t due_us;
};

static struct held ring[HELD_MAX];
static size_t head, tail; /* tail - head packets held, FIFO: due times only grow */
static uint64_t delay_us, total, overflow;
static volatile sig_atomic_t stopping;

static uint64_t now_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static void on_signal(int sig) {
    (void)sig;
    stopping = 1;
}

static int on_packet(struct nfq_q_handle *qh, struct nfgenmsg *msg, struct nfq_data *nfa, void *data) {
    (void)msg;
    (void)data;
    struct nfqnl_msg_packet_hdr *ph = nfq_get_msg_packet_hdr(nfa);
    if (ph == NULL) {
        return 0;
    }
    uint32_t id = ntohl(ph->packet_id);
    total++;
    if (tail - head >= HELD_MAX) { /* never expected; let it go at once rather than lose it */
        overflow++;
        return nfq_set_verdict(qh, id, NF_ACCEPT, 0, NULL);
    }
    ring[tail % HELD_MAX] = (struct held){id, now_us() + delay_us};
    tail++;
    return 0;
}

/* Lets every packet whose time has come go; returns the ms until the next one is due (-1: none held). */
static int release_due(struct nfq_q_handle *qh, int all) {
    uint64_t now = now_us();
    while (head != tail) {
        struct held *h = &ring[head % HELD_MAX];
        if (!all && h->due_us > now) {
            return (int)((h->due_us - now + 999) / 1000);
        }
        nfq_set_verdict(qh, h->id, NF_ACCEPT, 0, NULL);
        head++;
    }
    return -1;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: delayq QUEUE DELAY_MS\n");
        return 2;
    }
    int queue = atoi(argv[1]);
    delay_us = (uint64_t)strtoull(argv[2], NULL, 10) * 1000u;
    struct nfq_handle *h = nfq_open();
    if (h == NULL) {
        perror("nfq_open");
        return 1;
    }
    struct nfq_q_handle *qh = nfq_create_queue(h, (uint16_t)queue, on_packet, NULL);
    if (qh == NULL) {
        perror("nfq_create_queue");
        return 1;
    }
    /* The verdict needs only the id: copy no payload. */
    if (nfq_set_mode(qh, NFQNL_COPY_META, 0) < 0 || nfq_set_queue_maxlen(qh, HELD_MAX) < 0) {
        perror("nfq_set_mode/maxlen");
        return 1;
    }
    nfnl_rcvbufsiz(nfq_nfnlh(h), 16 * 1024 * 1024);
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    int fd = nfq_fd(h);
    char buf[4096] __attribute__((aligned));
    int timeout = -1;
    while (!stopping) {
        struct pollfd p = {fd, POLLIN, 0};
        int ready = poll(&p, 1, timeout < 0 ? 200 : timeout);
        if (ready > 0) {
            for (;;) {
                ssize_t n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
                if (n < 0) {
                    if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                        perror("recv (packets the kernel could not queue pass at once: --queue-bypass)");
                    }
                    break;
                }
                nfq_handle_packet(h, buf, (int)n);
            }
        }
        timeout = release_due(qh, 0);
    }
    release_due(qh, 1);
    nfq_destroy_queue(qh);
    nfq_close(h);
    printf("held=%llu overflow=%llu\n", (unsigned long long)total, (unsigned long long)overflow);
    return 0;
}
