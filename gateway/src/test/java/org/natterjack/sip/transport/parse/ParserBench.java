package org.natterjack.sip.transport.parse;

import gov.nist.javax.sip.parser.StringMsgParser;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The parser bench (run on demand by {@code bench/parser/run.sh}, not a test): the messages the gateway
 * receives in the proxy bench (INVITE, 180, 200, ACK, BYE, 200 of bench/proxy/scenarios) and a REGISTER
 * with Authorization, parsed N times per round with the RI's parser and with ours, in alternating order.
 * Prints ns per message for each, and the ratio with its spread over the rounds.
 */
public final class ParserBench {

    private ParserBench() {
    }

    public static void main(String[] args) throws ParseException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        List<byte[]> messages = benchMessages();
        StringMsgParser ri = new StringMsgParser();
        StringMsgParser fast = new FastMessageParser();
        run(ri, messages, iterations);
        run(fast, messages, iterations);
        System.out.printf("%d messages, %d rounds of %d passes%n", messages.size(), rounds, iterations);
        List<Double> riNs = new ArrayList<>();
        List<Double> fastNs = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) {
            boolean riFirst = round % 2 == 0;
            double a = riFirst ? run(ri, messages, iterations) : 0;
            double b = run(fast, messages, iterations);
            a = riFirst ? a : run(ri, messages, iterations);
            System.out.printf("round %d: RI %.0f ns/message, fast %.0f ns/message, RI/fast %.2f%s%n", round, a, b, a / b,
                    round == 0 ? " (warm-up, not counted)" : "");
            if (round > 0) {
                riNs.add(a);
                fastNs.add(b);
                ratios.add(a / b);
            }
        }
        System.out.printf("RI   %s ns/message%nfast %s ns/message%nRI/fast %s (mean, min-max over rounds)%n",
                summary(riNs, "%.0f"), summary(fastNs, "%.0f"), summary(ratios, "%.2f"));
    }

    private static List<byte[]> benchMessages() {
        Stream<Corpus.Message> proxy = Corpus.sipp().stream().filter(m -> m.label().contains("bench/proxy/scenarios")
                && m.label().endsWith("/v4") && (m.label().contains("uac-call") || m.label().contains("uas-answer")));
        Stream<Corpus.Message> register = Corpus.gatewaySent().stream().filter(m -> m.label().equals("gw/register-auth"));
        return Stream.concat(proxy, register).map(Corpus.Message::octets).toList();
    }

    /** ns per message for {@code iterations} passes over the messages. */
    private static double run(StringMsgParser parser, List<byte[]> messages, int iterations) throws ParseException {
        long sink = 0;
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            for (byte[] m : messages) {
                sink += parser.parseSIPMessage(m, true, false, null).getSize();
            }
        }
        long elapsed = System.nanoTime() - start;
        if (sink == 42) {
            System.out.print("");
        }
        return (double) elapsed / ((long) iterations * messages.size());
    }

    private static String summary(List<Double> values, String format) {
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return String.format(format + " (" + format + "-" + format + ")", mean, min, max);
    }
}
