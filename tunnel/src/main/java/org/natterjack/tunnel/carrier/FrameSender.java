package org.natterjack.tunnel.carrier;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.natterjack.tunnel.wire.Frame;
import org.natterjack.tunnel.wire.FrameType;

/**
 * Sends one connection's frames in strict priority, control, SIP, RTCP, RTP (docs/tunnel.md), from any thread.
 * Frames wait here, not in the socket, while the connection cannot take more: Netty's buffer is kept small
 * ({@link #WATER_MARK}) so that a burst of media cannot delay signalling, and RTP that waited longer than
 * {@link #RTP_DEADLINE_MILLIS} is dropped rather than sent late (a late voice packet is worse than a lost one).
 * Control and SIP go at once; media may wait up to {@link #MEDIA_BATCH_MICROS} for the frames behind it
 * ({@link EventLoops#mediaBatchMicros()}), so that many calls' packets share a TLS record and a write instead of
 * paying one each: the receiving end's reads and decryption are what that saves most.
 */
public final class FrameSender extends ChannelInboundHandlerAdapter {

    public static final long RTP_DEADLINE_MILLIS = 100;
    /** At 200 calls (10,000 packets/s each way) about 10 frames per write; a single call's packet waits 1 ms. */
    public static final long MEDIA_BATCH_MICROS = 1000;
    /** About 30 ms of 200 G.711 calls: beyond it, frames queue here in priority order. */
    public static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(16 * 1024, 64 * 1024);
    /** Media frames queued at most; more are dropped (the peer has stopped reading). */
    static final int MAX_MEDIA_QUEUED = 4096;

    private static final long RTP_DEADLINE_NANOS = TimeUnit.MILLISECONDS.toNanos(RTP_DEADLINE_MILLIS);

    private record Queued(Frame frame, long at) {
    }

    @SuppressWarnings("unchecked")
    private final Queue<Queued>[] queues = new Queue[FrameType.values().length];
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean batching = new AtomicBoolean();
    private final AtomicInteger mediaQueued = new AtomicInteger();
    private final LongAdder lateDropped = new LongAdder();
    private final LongAdder overflowDropped = new LongAdder();
    private volatile Channel channel;

    private final long mediaBatchMicros;

    /** @param mediaBatchMicros how long media may wait for the frames behind it; 0: it goes at once */
    public FrameSender(long mediaBatchMicros) {
        this.mediaBatchMicros = mediaBatchMicros;
        for (int i = 0; i < queues.length; i++) {
            queues[i] = new ConcurrentLinkedQueue<>();
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    /** Queues {@code frame} and makes sure the connection's thread sends what it can. */
    public void send(Frame frame) {
        if (frame.type().isMedia()) {
            if (mediaQueued.incrementAndGet() > MAX_MEDIA_QUEUED) {
                mediaQueued.decrementAndGet();
                overflowDropped.increment();
                return;
            }
        }
        queues[frame.type().priority()].add(new Queued(frame, System.nanoTime()));
        Channel current = channel;
        if (current == null) {
            return;
        }
        if (!frame.type().isMedia() || mediaBatchMicros == 0) {
            if (scheduled.compareAndSet(false, true)) {
                current.eventLoop().execute(this::drain);
            }
        } else if (!scheduled.get() && batching.compareAndSet(false, true)) {
            current.eventLoop().schedule(this::drainBatch, mediaBatchMicros, TimeUnit.MICROSECONDS);
        }
    }

    /** RTP frames dropped because they waited too long. */
    public long lateDropped() {
        return lateDropped.sum();
    }

    /** Media frames dropped because too many were queued. */
    public long overflowDropped() {
        return overflowDropped.sum();
    }

    private void drainBatch() {
        batching.set(false);
        drain();
    }

    private void drain() {
        scheduled.set(false);
        Channel current = channel;
        boolean wrote = false;
        long now = System.nanoTime();
        while (current.isActive() && current.isWritable()) {
            Queued next = next();
            if (next == null) {
                break;
            }
            if (next.frame().type() == FrameType.RTP && now - next.at() > RTP_DEADLINE_NANOS) {
                lateDropped.increment();
                continue;
            }
            current.write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(next.frame().encode())));
            wrote = true;
        }
        if (wrote) {
            current.flush();
        }
        if (!current.isActive()) {
            for (Queue<Queued> queue : queues) {
                queue.clear();
            }
            mediaQueued.set(0);
        }
    }

    private Queued next() {
        for (Queue<Queued> queue : queues) {
            Queued queued = queue.poll();
            if (queued != null) {
                if (queued.frame().type().isMedia()) {
                    mediaQueued.decrementAndGet();
                }
                return queued;
            }
        }
        return null;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable() && scheduled.compareAndSet(false, true)) {
            ctx.channel().eventLoop().execute(this::drain);
        }
        super.channelWritabilityChanged(ctx);
    }
}
