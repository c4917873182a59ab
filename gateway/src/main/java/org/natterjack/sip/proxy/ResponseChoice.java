package org.natterjack.sip.proxy;

/** The choice of the best final response among a proxy's branches (RFC 3261 section 16.7, step 6). */
final class ResponseChoice {

    private ResponseChoice() {
    }

    /**
     * True if {@code candidate} is a better final response to send upstream than {@code best} (which may be
     * 0 when there is none yet). 6xx beats everything, then the lowest class; within a class the first
     * received stays, except that the challenges and "try this" answers callers can act on are preferred.
     */
    static boolean isBetter(int candidate, int best) {
        if (best == 0) {
            return true;
        }
        if (best >= 600) {
            return false;
        }
        if (candidate >= 600) {
            return true;
        }
        int candidateClass = candidate / 100;
        int bestClass = best / 100;
        if (candidateClass != bestClass) {
            return candidateClass < bestClass;
        }
        return isActionable(candidate) && !isActionable(best);
    }

    private static boolean isActionable(int status) {
        return status == 401 || status == 407 || status == 415 || status == 420 || status == 484;
    }

    /** What is sent upstream for a chosen status: a 503 from downstream must not stop the caller retrying us. */
    static int upstreamStatus(int chosen) {
        return chosen == 503 ? 500 : chosen;
    }
}
