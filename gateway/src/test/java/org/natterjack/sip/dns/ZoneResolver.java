package org.natterjack.sip.dns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;

/** A resolver answering from an in-memory zone, as an authoritative server would (NXDOMAIN, NODATA, answers). */
final class ZoneResolver implements Resolver {

    private final List<Record> zone;
    final List<String> questions = new ArrayList<>();

    ZoneResolver(List<Record> zone) {
        this.zone = List.copyOf(zone);
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query, Executor executor) {
        Record question = query.getQuestion();
        synchronized (questions) {
            questions.add(question.getName() + " " + org.xbill.DNS.Type.string(question.getType()));
        }
        Message answer = new Message(query.getHeader().getID());
        answer.getHeader().setFlag(Flags.QR);
        answer.getHeader().setFlag(Flags.AA);
        answer.addRecord(question, Section.QUESTION);
        boolean nameExists = zone.stream().anyMatch(r -> r.getName().equals(question.getName()));
        zone.stream().filter(r -> r.getName().equals(question.getName()) && r.getType() == question.getType())
                .forEach(r -> answer.addRecord(r, Section.ANSWER));
        if (!nameExists) {
            answer.getHeader().setRcode(Rcode.NXDOMAIN);
        }
        return CompletableFuture.completedFuture(answer);
    }

    @Override
    public void setPort(int port) {
    }

    @Override
    public void setTCP(boolean flag) {
    }

    @Override
    public void setIgnoreTruncation(boolean flag) {
    }

    @Override
    public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
    }

    @Override
    public void setTSIGKey(TSIG key) {
    }

    @Override
    public void setTimeout(Duration timeout) {
    }
}
