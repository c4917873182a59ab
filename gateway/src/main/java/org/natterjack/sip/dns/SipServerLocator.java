package org.natterjack.sip.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.natterjack.config.DnsSettings;
import org.natterjack.net.IpLiteral;
import org.natterjack.net.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.lookup.LookupFailedException;
import org.xbill.DNS.lookup.LookupSession;

/**
 * Finds where to send a request for a {@code sip:} URI (RFC 3263 section 4): the transport from the URI,
 * else from NAPTR records, else from the SRV records that exist; then SRV targets in priority and weight
 * order (RFC 2782); and A/AAAA records of the host (port 5060) when there are no SRV records. Every
 * lookup is asynchronous, so the SIP threads never wait on DNS; answers are cached for their TTL.
 */
public final class SipServerLocator {

    private static final Logger LOG = LoggerFactory.getLogger(SipServerLocator.class);
    private static final int DEFAULT_PORT = 5060;
    /** Bounds the work one request can cause, whatever a hostile zone publishes. */
    private static final int MAX_SERVERS = 10;
    private static final Map<String, Transport> NAPTR_SERVICES = Map.of("SIP+D2U", Transport.UDP, "SIP+D2T", Transport.TCP);
    private static final Map<Transport, String> SRV_PREFIXES = Map.of(Transport.UDP, "_sip._udp", Transport.TCP, "_sip._tcp");

    private final LookupSession dns;
    private final RandomGenerator random;

    public SipServerLocator(LookupSession dns, RandomGenerator random) {
        this.dns = dns;
        this.random = random;
    }

    /** A locator asking the resolvers of {@code settings} (or the system's), with a cache. */
    public static SipServerLocator of(DnsSettings settings) {
        Resolver resolver;
        if (settings.servers().isEmpty()) {
            resolver = new ExtendedResolver();
        } else {
            resolver = new ExtendedResolver(settings.servers().stream().<Resolver>map(SimpleResolver::new).toList());
        }
        resolver.setTimeout(Duration.ofMillis(settings.timeoutMillis()));
        return new SipServerLocator(LookupSession.builder().resolver(resolver).cache(new Cache()).build(),
                RandomGenerator.getDefault());
    }

    /**
     * The servers for {@code host}, best first; empty if DNS knows none (or did not answer in time).
     *
     * @param port the URI's port, or -1
     * @param transport the URI's transport parameter, if any
     */
    public CompletionStage<List<SipServer>> locate(String host, int port, Optional<Transport> transport) {
        String bare = IpLiteral.stripBrackets(host);
        Optional<InetAddress> literal = IpLiteral.parse(bare);
        if (literal.isPresent()) {
            return CompletableFuture.completedFuture(List.of(new SipServer(transport.orElse(Transport.UDP),
                    new InetSocketAddress(literal.get(), port > 0 ? port : DEFAULT_PORT))));
        }
        Name name;
        try {
            name = Name.fromString(bare.toLowerCase(Locale.ROOT), Name.root);
        } catch (TextParseException e) {
            return CompletableFuture.completedFuture(List.of());
        }
        if (transport.isPresent() && !SRV_PREFIXES.containsKey(transport.get())) {
            return CompletableFuture.completedFuture(List.of());
        }
        if (port > 0) {
            return addresses(name, transport.orElse(Transport.UDP), port);
        }
        if (transport.isPresent()) {
            return srvOrHost(name, List.of(transport.get()));
        }
        return lookup(name, Type.NAPTR).thenCompose(naptr -> {
            List<NAPTRRecord> usable = naptr.stream().map(NAPTRRecord.class::cast)
                    .filter(r -> "s".equalsIgnoreCase(r.getFlags()))
                    .filter(r -> NAPTR_SERVICES.containsKey(r.getService().toUpperCase(Locale.ROOT)))
                    .sorted(Comparator.comparingInt(NAPTRRecord::getOrder).thenComparingInt(NAPTRRecord::getPreference))
                    .toList();
            if (usable.isEmpty()) {
                return srvOrHost(name, List.of(Transport.UDP, Transport.TCP));
            }
            return concat(usable.stream().map(r -> srvServers(r.getReplacement(),
                    NAPTR_SERVICES.get(r.getService().toUpperCase(Locale.ROOT)))).toList());
        }).thenApply(SipServerLocator::bounded);
    }

    /** SRV records for each transport in turn (the first that has any wins), else the host itself. */
    private CompletionStage<List<SipServer>> srvOrHost(Name host, List<Transport> transports) {
        CompletionStage<List<SipServer>> result = CompletableFuture.completedFuture(List.of());
        for (Transport t : transports) {
            Optional<Name> srv = srvName(t, host);
            if (srv.isPresent()) {
                result = result.thenCompose(found -> found.isEmpty() ? srvServers(srv.get(), t)
                        : CompletableFuture.completedFuture(found));
            }
        }
        return result.thenCompose(found -> found.isEmpty() ? addresses(host, transports.get(0), DEFAULT_PORT)
                : CompletableFuture.completedFuture(found));
    }

    private CompletionStage<List<SipServer>> srvServers(Name srvName, Transport transport) {
        return lookup(srvName, Type.SRV).thenCompose(records -> concat(
                SrvOrder.of(records.stream().map(SRVRecord.class::cast).toList(), random).stream()
                        .map(srv -> addresses(srv.getTarget(), transport, srv.getPort())).toList()));
    }

    private CompletionStage<List<SipServer>> addresses(Name host, Transport transport, int port) {
        CompletableFuture<List<Record>> v4 = lookup(host, Type.A).toCompletableFuture();
        CompletableFuture<List<Record>> v6 = lookup(host, Type.AAAA).toCompletableFuture();
        return v4.thenCombine(v6, (a, aaaa) -> Stream.concat(a.stream(), aaaa.stream())
                .map(r -> r instanceof ARecord ar ? ar.getAddress() : ((AAAARecord) r).getAddress())
                .map(address -> new SipServer(transport, new InetSocketAddress(address, port)))
                .toList());
    }

    /** The records of one type; none when the name or type does not exist or the lookup failed. */
    private CompletionStage<List<Record>> lookup(Name name, int type) {
        return dns.lookupAsync(name, type).handle((result, failure) -> {
            if (failure == null) {
                return result.getRecords().stream().filter(r -> r.getType() == type).toList();
            }
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            if (!(cause instanceof LookupFailedException)) {
                LOG.info("DNS {} lookup of {} failed: {}", Type.string(type), name, cause.toString());
            }
            return List.of();
        });
    }

    private static CompletionStage<List<SipServer>> concat(List<CompletionStage<List<SipServer>>> parts) {
        List<CompletableFuture<List<SipServer>>> futures = parts.stream().map(CompletionStage::toCompletableFuture).toList();
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<SipServer> all = new ArrayList<>();
            futures.forEach(f -> all.addAll(f.join()));
            return bounded(all);
        });
    }

    private static List<SipServer> bounded(List<SipServer> servers) {
        List<SipServer> distinct = servers.stream().distinct().toList();
        return distinct.size() > MAX_SERVERS ? distinct.subList(0, MAX_SERVERS) : distinct;
    }

    /** {@code _sip._udp.HOST} and the like; empty if that name would be too long for DNS. */
    private static Optional<Name> srvName(Transport transport, Name host) {
        try {
            return Optional.of(Name.fromString(SRV_PREFIXES.get(transport), host));
        } catch (TextParseException e) {
            return Optional.empty();
        }
    }

}
