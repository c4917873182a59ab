package org.natterjack.admin;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import org.natterjack.net.IpLiteral;
import org.natterjack.routing.Destination;
import org.natterjack.routing.RoutingTable;
import org.natterjack.routing.RuleSpec;
import org.natterjack.store.RouteRepository;

/** {@link RoutingRules} on the store's routing rules; the simulator asks the table the proxy uses. */
final class StoreRoutingRules implements RoutingRules {

    private final RouteRepository routes;

    StoreRoutingRules(RouteRepository routes) {
        this.routes = routes;
    }

    @Override
    public List<RouteRule> list() {
        return routes.list().stream().map(StoreRoutingRules::rule).toList();
    }

    @Override
    public RouteRule add(RouteRule rule) {
        RuleSpec spec = spec(rule);
        long id = routes.add(spec);
        return rule(new RuleSpec(id, spec.position(), spec.prefix(), spec.regex(), spec.source(), spec.strip(),
                spec.addPrefix(), spec.replace(), spec.replacement(), spec.destination(), spec.failover(),
                spec.description()));
    }

    @Override
    public boolean remove(long id) {
        return routes.remove(id);
    }

    @Override
    public void reorder(List<Long> ids) {
        List<Long> existing = routes.list().stream().map(RuleSpec::id).toList();
        if (ids.size() != existing.size() || !new HashSet<>(ids).equals(new HashSet<>(existing))) {
            throw new InvalidFieldException("order", "order: name every rule exactly once (rules " + existing + ")");
        }
        routes.reorder(ids);
    }

    @Override
    public RouteSimulation simulate(String number, String source) {
        if (number == null || number.isBlank()) {
            throw new InvalidFieldException("number", "number: enter the number (the Request-URI user) to route");
        }
        InetAddress from = parseAddress(source);
        routes.refreshIfChanged();
        List<RouteSimulation.Step> steps = routes.table().routes(number.trim(), from).stream()
                .map(StoreRoutingRules::step).toList();
        return new RouteSimulation(number.trim(), from.getHostAddress(), steps);
    }

    private static RouteSimulation.Step step(RoutingTable.Route route) {
        return new RouteSimulation.Step(route.rule().id(), route.rule().position(), route.rule().description(),
                route.user(), describe(route), route.rule().failover());
    }

    /** The destination as an operator writes it, with {@code user:*} resolved to the dialled user. */
    private static String describe(RoutingTable.Route route) {
        Destination d = route.destination();
        return d instanceof Destination.LocalUser u && "*".equals(u.user()) ? "user:" + route.user() : d.text();
    }

    private static InetAddress parseAddress(String source) {
        String text = source == null || source.isBlank() ? "127.0.0.1" : source.trim();
        return IpLiteral.parseHost(text)
                .orElseThrow(() -> new InvalidFieldException("source", "source: '" + text + "' is not an IP address"));
    }

    private static RuleSpec spec(RouteRule r) {
        RuleSpec spec = new RuleSpec(0, r.position(), r.prefix(), r.regex(), r.source(), r.strip(),
                r.addPrefix() == null ? "" : r.addPrefix(),
                r.replace(), r.replacement(), r.destination(), r.failover(), r.description());
        spec.toRule(0);
        return spec;
    }

    private static RouteRule rule(RuleSpec s) {
        return new RouteRule(s.id(), s.position(), s.prefix(), s.regex(), s.source(), s.strip(), s.addPrefix(),
                s.replace(), s.replacement(), s.destination(), s.failover(), s.description());
    }
}
