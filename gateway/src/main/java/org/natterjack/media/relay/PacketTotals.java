package org.natterjack.media.relay;

/**
 * What one packet engine forwarded and dropped since start, over every call: a call's own counters end with
 * it, these do not (the metrics' counters). Written by the engine's thread only; volatile so that a reader on
 * another thread sees them current.
 */
final class PacketTotals {

    private volatile long forwardedPackets;
    private volatile long forwardedBytes;
    private volatile long droppedForeign;
    private volatile long droppedInvalid;
    private volatile long droppedNoDestination;
    private volatile long sendFailures;

    // Single writer: read-modify-write on a volatile is safe here, and a store costs no lock.
    @SuppressWarnings("NonAtomicOperationOnVolatileField")
    void forwarded(int bytes) {
        forwardedPackets++;
        forwardedBytes += bytes;
    }

    @SuppressWarnings("NonAtomicOperationOnVolatileField")
    void droppedForeign() {
        droppedForeign++;
    }

    @SuppressWarnings("NonAtomicOperationOnVolatileField")
    void droppedInvalid() {
        droppedInvalid++;
    }

    @SuppressWarnings("NonAtomicOperationOnVolatileField")
    void droppedNoDestination() {
        droppedNoDestination++;
    }

    @SuppressWarnings("NonAtomicOperationOnVolatileField")
    void sendFailed() {
        sendFailures++;
    }

    RelayTotals read() {
        return new RelayTotals(forwardedPackets, forwardedBytes, droppedForeign, droppedInvalid, droppedNoDestination,
                sendFailures);
    }
}
