/*
 * LD_PRELOAD shim for sipp: its clock (src/time.cpp, getmicroseconds) reads CLOCK_MONOTONIC_COARSE, which
 * advances once per kernel tick (4 ms at HZ=250), so every response time it measures is a multiple of the
 * tick. Loopback call setups take a few milliseconds; this shim answers the coarse clocks with the fine ones
 * (vDSO, ~20 ns), so sipp's -trace_rtt values get microsecond resolution.
 *
 *   gcc -shared -fPIC -O2 -o fineclock.so fineclock.c -ldl
 *   LD_PRELOAD=./fineclock.so sipp ...
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <time.h>

static int (*real_clock_gettime)(clockid_t, struct timespec *);

int clock_gettime(clockid_t id, struct timespec *ts)
{
    if (!real_clock_gettime) {
        real_clock_gettime = (int (*)(clockid_t, struct timespec *)) dlsym(RTLD_NEXT, "clock_gettime");
    }
    if (id == CLOCK_MONOTONIC_COARSE) {
        id = CLOCK_MONOTONIC;
    } else if (id == CLOCK_REALTIME_COARSE) {
        id = CLOCK_REALTIME;
    }
    return real_clock_gettime(id, ts);
}
