package org.natterjack.sip.dns;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;
import org.xbill.DNS.SRVRecord;

/** The order in which to try SRV targets (RFC 2782): lowest priority first, by weighted lottery within one. */
final class SrvOrder {

    private SrvOrder() {
    }

    static List<SRVRecord> of(List<SRVRecord> records, RandomGenerator random) {
        List<SRVRecord> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparingInt(SRVRecord::getPriority));
        List<SRVRecord> ordered = new ArrayList<>(sorted.size());
        int start = 0;
        while (start < sorted.size()) {
            int end = start;
            while (end < sorted.size() && sorted.get(end).getPriority() == sorted.get(start).getPriority()) {
                end++;
            }
            ordered.addAll(byWeight(new ArrayList<>(sorted.subList(start, end)), random));
            start = end;
        }
        return ordered;
    }

    /** Draws records one by one, each with a chance proportional to its weight (weight 0: a small chance). */
    private static List<SRVRecord> byWeight(List<SRVRecord> group, RandomGenerator random) {
        // RFC 2782 puts weight-0 records first before the draw so that they are picked only rarely.
        group.sort(Comparator.comparingInt(SRVRecord::getWeight));
        List<SRVRecord> ordered = new ArrayList<>(group.size());
        while (!group.isEmpty()) {
            int total = group.stream().mapToInt(SRVRecord::getWeight).sum();
            int draw = total == 0 ? 0 : random.nextInt(total + 1);
            int running = 0;
            int chosen = group.size() - 1;
            for (int i = 0; i < group.size(); i++) {
                running += group.get(i).getWeight();
                if (running >= draw) {
                    chosen = i;
                    break;
                }
            }
            ordered.add(group.remove(chosen));
        }
        return ordered;
    }
}
