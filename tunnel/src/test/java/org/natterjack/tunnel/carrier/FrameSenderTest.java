package org.natterjack.tunnel.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.natterjack.tunnel.wire.Frame;
import org.natterjack.tunnel.wire.FrameType;

class FrameSenderTest {

    private final FrameSender sender = new FrameSender(FrameSender.MEDIA_BATCH_MICROS);
    private EmbeddedChannel channel;

    @BeforeEach
    void open() {
        channel = new EmbeddedChannel(sender);
        channel.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(8, 16));
    }

    /** Something large written but not flushed: the channel is not writable until it is flushed. */
    private void block() {
        channel.write(Unpooled.wrappedBuffer(new byte[64]));
        assertFalse(channel.isWritable());
    }

    private List<FrameType> sent() {
        List<FrameType> types = new ArrayList<>();
        for (Object o = channel.readOutbound(); o != null; o = channel.readOutbound()) {
            if (o instanceof BinaryWebSocketFrame frame) {
                types.add(Frame.decode(ByteBufUtil.getBytes(frame.content())).type());
                frame.release();
            } else {
                ((ByteBuf) o).release();
            }
        }
        return types;
    }

    @Test
    void whatWaitedGoesOutControlFirstThenSipThenRtcpThenRtp() {
        block();
        sender.send(Frame.media(FrameType.RTP, 1, new byte[12]));
        sender.send(Frame.media(FrameType.RTCP, 1, new byte[8]));
        sender.send(Frame.sip("BYE".getBytes()));
        sender.send(Frame.control("ping\n".getBytes()));
        channel.runPendingTasks();
        assertEquals(List.of(), sent(), "nothing while the connection is full");

        channel.flush();
        channel.runPendingTasks();

        assertEquals(List.of(FrameType.CONTROL, FrameType.SIP, FrameType.RTCP, FrameType.RTP), sent());
    }

    @Test
    void rtpThatWaitedTooLongIsDroppedNotSentLate() throws Exception {
        block();
        sender.send(Frame.media(FrameType.RTP, 1, new byte[12]));
        sender.send(Frame.sip("INVITE".getBytes()));
        Thread.sleep(FrameSender.RTP_DEADLINE_MILLIS + 50);

        channel.flush();
        channel.runPendingTasks();

        assertEquals(List.of(FrameType.SIP), sent(), "SIP is never dropped");
        assertEquals(1, sender.lateDropped());
    }

    @Test
    void signallingGoesAtOnceAndMediaWaitsForTheFramesBehindIt() throws Exception {
        sender.send(Frame.sip("INVITE".getBytes()));
        channel.runPendingTasks();
        assertEquals(List.of(FrameType.SIP), sent(), "SIP does not wait");

        sender.send(Frame.media(FrameType.RTP, 1, new byte[12]));
        sender.send(Frame.media(FrameType.RTP, 2, new byte[12]));
        channel.runPendingTasks();
        assertEquals(List.of(), sent(), "media waits for its batch");

        Thread.sleep(FrameSender.MEDIA_BATCH_MICROS / 1000 + 5);
        channel.runScheduledPendingTasks();
        assertEquals(List.of(FrameType.RTP, FrameType.RTP), sent(), "the batch goes together");
    }

    @Test
    void mediaQueuedBeyondTheLimitIsDropped() {
        block();
        for (int i = 0; i < FrameSender.MAX_MEDIA_QUEUED + 10; i++) {
            sender.send(Frame.media(FrameType.RTCP, 1, new byte[8]));
        }
        assertEquals(10, sender.overflowDropped());
    }
}
