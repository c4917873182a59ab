package org.natterjack.sip.proxy;

import java.net.InetSocketAddress;
import java.util.Comparator;
import java.util.Optional;
import org.natterjack.cdr.RelayedMedia;
import org.natterjack.media.relay.LegStats;
import org.natterjack.media.relay.SessionStats;
import org.natterjack.media.relay.StreamStats;

/** A closed relay session's figures as a call's record takes them: its audio stream, else its first stream. */
final class RelayFigures {

    private RelayFigures() {
    }

    static RelayedMedia of(SessionStats session) {
        Optional<StreamStats> stream = session.streams().stream()
                .min(Comparator.comparing((StreamStats s) -> !"audio".equals(s.media()))
                        .thenComparing(StreamStats::index));
        return new RelayedMedia(stream.flatMap(s -> latched(s.caller())), stream.flatMap(s -> latched(s.callee())),
                stream.map(s -> new RelayedMedia.Audio(party(s.caller()), party(s.callee()))));
    }

    private static RelayedMedia.Party party(LegStats leg) {
        return new RelayedMedia.Party(leg.rtp().received(), leg.rtp().lost(), leg.rtp().jitterMillis(),
                leg.report().map(r -> r.cumulativeLost()),
                leg.report().flatMap(r -> r.jitterMillis().isPresent()
                        ? Optional.of(r.jitterMillis().getAsDouble()) : Optional.empty()));
    }

    private static Optional<String> latched(LegStats leg) {
        return leg.latched().map(RelayFigures::text);
    }

    private static String text(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
