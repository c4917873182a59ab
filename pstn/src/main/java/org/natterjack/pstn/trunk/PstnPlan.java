package org.natterjack.pstn.trunk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every trunk and span as configured, checked as a whole: names and span numbers unique, failover chains
 * ending without a loop, spans on DAHDI trunks, channel ranges apart. Immutable; changes make a new plan.
 */
public record PstnPlan(List<Trunk> trunks, List<Span> spans) {

    public PstnPlan {
        trunks = trunks.stream().sorted(Comparator.comparing(Trunk::name)).toList();
        spans = spans.stream().sorted(Comparator.comparingInt(Span::number)).toList();
        Set<String> names = new HashSet<>();
        for (Trunk t : trunks) {
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("trunk " + t.name() + " exists already");
            }
        }
        for (Trunk t : trunks) {
            t.failover().ifPresent(f -> {
                if (!names.contains(f)) {
                    throw new IllegalArgumentException("failover trunk " + f + " of " + t.name() + " does not exist");
                }
            });
            failoverChain(t, trunks);
        }
        for (int i = 0; i < spans.size(); i++) {
            Span s = spans.get(i);
            Trunk owner = trunks.stream().filter(t -> t.name().equals(s.trunk())).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("span " + s.number() + ": trunk " + s.trunk() + " does not exist"));
            if (owner.type() != TrunkType.DAHDI) {
                throw new IllegalArgumentException("span " + s.number() + ": trunk " + s.trunk() + " is not a dahdi trunk");
            }
            for (Span earlier : spans.subList(0, i)) {
                if (earlier.number() == s.number()) {
                    throw new IllegalArgumentException("span " + s.number() + " exists already");
                }
                if (earlier.overlaps(s)) {
                    throw new IllegalArgumentException("span " + s.number() + " channels " + s.firstChannel() + "-"
                            + s.lastChannel() + " overlap span " + earlier.number() + "'s " + earlier.firstChannel()
                            + "-" + earlier.lastChannel());
                }
            }
        }
    }

    public static PstnPlan empty() {
        return new PstnPlan(List.of(), List.of());
    }

    public Optional<Trunk> trunk(String name) {
        return trunks.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Optional<Span> span(int number) {
        return spans.stream().filter(s -> s.number() == number).findFirst();
    }

    public List<Span> spansOf(String trunk) {
        return spans.stream().filter(s -> s.trunk().equals(trunk)).toList();
    }

    /** The first channel after every span so far: where a new span's channels start by default. */
    public int nextFreeChannel() {
        return spans.stream().mapToInt(Span::lastChannel).max().orElse(0) + 1;
    }

    public PstnPlan withTrunk(Trunk trunk) {
        List<Trunk> more = new ArrayList<>(trunks);
        more.add(trunk);
        return new PstnPlan(more, spans);
    }

    /** Without trunk {@code name}, which neither a span nor another trunk's failover may still name. */
    public PstnPlan withoutTrunk(String name) {
        if (!spansOf(name).isEmpty()) {
            throw new IllegalArgumentException("trunk " + name + " still has span(s) "
                    + spansOf(name).stream().map(s -> Integer.toString(s.number())).toList() + "; remove them first");
        }
        trunks.stream().filter(t -> t.failover().equals(Optional.of(name))).findFirst().ifPresent(t -> {
            throw new IllegalArgumentException("trunk " + t.name() + " fails over to " + name + "; change it first");
        });
        return new PstnPlan(trunks.stream().filter(t -> !t.name().equals(name)).toList(), spans);
    }

    /** With {@code trunk} in place of the trunk of the same name. */
    public PstnPlan withTrunkReplaced(Trunk trunk) {
        if (trunk(trunk.name()).isEmpty()) {
            throw new IllegalArgumentException("no trunk " + trunk.name());
        }
        List<Trunk> changed = new ArrayList<>(trunks.stream().filter(t -> !t.name().equals(trunk.name())).toList());
        changed.add(trunk);
        return new PstnPlan(changed, spans);
    }

    public PstnPlan withSpan(Span span) {
        List<Span> more = new ArrayList<>(spans);
        more.add(span);
        return new PstnPlan(trunks, more);
    }

    public PstnPlan withoutSpan(int number) {
        return new PstnPlan(trunks, spans.stream().filter(s -> s.number() != number).toList());
    }

    /** The trunks a call tries in turn: {@code trunk}, then its failover, and so on. */
    public List<Trunk> failoverChain(String trunk) {
        return trunk(trunk).map(t -> failoverChain(t, trunks)).orElse(List.of());
    }

    private static List<Trunk> failoverChain(Trunk first, List<Trunk> trunks) {
        List<Trunk> chain = new ArrayList<>(List.of(first));
        Optional<String> next = first.failover();
        while (next.isPresent()) {
            String name = next.get();
            if (chain.stream().anyMatch(t -> t.name().equals(name))) {
                throw new IllegalArgumentException("failover of trunk " + first.name() + " loops back to " + name);
            }
            Optional<Trunk> t = trunks.stream().filter(x -> x.name().equals(name)).findFirst();
            if (t.isEmpty()) {
                break;
            }
            chain.add(t.get());
            next = t.get().failover();
        }
        return chain;
    }
}
