package org.natterjack.sip.transport;

import gov.nist.javax.sip.message.SIPRequest;
import java.net.InetAddress;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answers to requests the gateway serves without a transaction (REGISTER), by transaction, so that a
 * retransmission gets the same answer as the first copy instead of being served again: a client whose answer was
 * slower than T1 retransmits, and served again its first REGISTER would get a second, different challenge and its
 * authenticated one a replay refusal (the cold-start storm of issue 14: 84 % failed for 5 s). A retransmission
 * that arrives while the first copy is still being served is dropped: the answer is on its way.
 *
 * <p>Kept for {@link #TTL_MILLIS} from the first copy (the retransmissions of RFC 3261 17.1.2.2 at 0.5, 1.5, 3.5 and
 * 7.5 s) and at most {@link #MAX_ENTRIES} (oldest first out; about 25 MB of answers): a retransmission whose
 * answer has been dropped is served again, as without this cache. Thread-safe.
 */
public final class AnswerCache {

    static final long TTL_MILLIS = 8_000;
    static final int MAX_ENTRIES = 32_768;

    /** A transaction: its branch from its source (RFC 3261 17.2.3), and the Call-ID and CSeq it must repeat. */
    record Key(String branch, InetAddress source, int port, String callId, long cseq) {

        /** The key of {@code request}, or null if it has no RFC 3261 branch or source. */
        static Key of(SIPRequest request) {
            String branch = request.getTopmostVia() == null ? null : request.getTopmostVia().getBranch();
            InetAddress source = request.getPeerPacketSourceAddress();
            if (branch == null || !branch.regionMatches(true, 0, "z9hG4bK", 0, 7) || source == null
                    || request.getCallId() == null || request.getCSeq() == null) {
                return null;
            }
            return new Key(branch.toLowerCase(java.util.Locale.ROOT), source, request.getPeerPacketSourcePort(),
                    request.getCallId().getCallId(), request.getCSeq().getSeqNumber());
        }
    }

    /** What {@link #begin} found. */
    sealed interface Seen {
    }

    /** The first copy: serve it. */
    record First() implements Seen {
    }

    /** A retransmission while the first copy is being served. */
    record InProgress() implements Seen {
    }

    /** A retransmission of a request already answered with these octets. */
    record Answered(byte[] octets) implements Seen {
    }

    private static final Seen FIRST = new First();
    private static final Seen IN_PROGRESS = new InProgress();

    private static final class Entry {
        final long since;
        byte[] octets;

        Entry(long since) {
            this.since = since;
        }
    }

    private final Clock clock;
    private final Map<Key, Entry> entries = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    AnswerCache(Clock clock) {
        this.clock = clock;
    }

    /** Records that {@code key} arrived; says whether it is the first copy, one being served, or one answered. */
    synchronized Seen begin(Key key) {
        long now = clock.millis();
        expire(now);
        Entry e = entries.get(key);
        if (e == null) {
            entries.put(key, new Entry(now));
            return FIRST;
        }
        return e.octets == null ? IN_PROGRESS : new Answered(e.octets);
    }

    /** The answer sent to {@code key}, as octets on the wire. */
    synchronized void answered(Key key, byte[] octets) {
        Entry e = entries.get(key);
        if (e == null) {
            e = new Entry(clock.millis());
            entries.put(key, e);
        }
        e.octets = octets;
    }

    synchronized int size() {
        return entries.size();
    }

    /** Entries are in order of arrival: drop from the oldest while they are older than the TTL. */
    private void expire(long now) {
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            if (now - it.next().since < TTL_MILLIS) {
                return;
            }
            it.remove();
        }
    }
}
