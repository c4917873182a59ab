package org.natterjack.media.relay;

import java.util.BitSet;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The even/odd port pairs of one relay interface. Pairs are handed out in a random order, and a returned
 * pair goes to the back of the queue, so a port is reused as late as possible: stray packets of an ended
 * call do not reach the next one, and an outsider cannot guess the next port. Thread-safe.
 */
public final class PortPool {

    private final int first;
    private final int capacity;
    private final int[] queue;
    private final BitSet inUse;
    private int head;
    private int size;

    /**
     * @param min lowest port of the range (rounded up to even)
     * @param max highest port of the range; the last pair ends at or below it
     */
    public PortPool(int min, int max, RandomGenerator random) {
        first = min + (min & 1);
        capacity = first + 1 <= max ? (max - first + 1) / 2 : 0;
        if (capacity == 0) {
            throw new IllegalArgumentException("no even/odd pair in " + min + "-" + max);
        }
        queue = new int[capacity];
        inUse = new BitSet(capacity);
        for (int i = 0; i < capacity; i++) {
            queue[i] = i;
        }
        for (int i = capacity - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = queue[i];
            queue[i] = queue[j];
            queue[j] = t;
        }
        size = capacity;
    }

    /** True if {@code port} lies in this pool's range (whether in use or not). */
    public boolean covers(int port) {
        return port >= first && port < first + 2 * capacity;
    }

    /** The next free pair; empty when every pair is in use (the caller answers 503). */
    public synchronized Optional<PortPair> acquire() {
        if (size == 0) {
            return Optional.empty();
        }
        int index = queue[head];
        head = (head + 1) % capacity;
        size--;
        inUse.set(index);
        return Optional.of(PortPair.of(first + 2 * index));
    }

    /**
     * Returns a pair to the back of the queue.
     *
     * @throws IllegalArgumentException for a pair this pool did not hand out or that is already back
     */
    public synchronized void release(PortPair pair) {
        int offset = pair.rtp() - first;
        int index = offset / 2;
        if (offset < 0 || index >= capacity || !inUse.get(index)) {
            throw new IllegalArgumentException("port pair " + pair + " is not in use in this pool");
        }
        inUse.clear(index);
        queue[(head + size) % capacity] = index;
        size++;
    }

    /** Free pairs right now. */
    public synchronized int available() {
        return size;
    }

    /** Pairs in the range. */
    public int capacity() {
        return capacity;
    }

    @Override
    public String toString() {
        return "ports " + first + "-" + (first + 2 * capacity - 1);
    }
}
