package org.natterjack.pstn;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.action.CommandAction;
import org.natterjack.pstn.ami.AmiException;
import org.natterjack.pstn.ami.AmiLink;
import org.natterjack.pstn.asterisk.ConfigInputs;
import org.natterjack.pstn.asterisk.ConfigWriter;
import org.natterjack.pstn.asterisk.GeneratedConfig;
import org.natterjack.pstn.status.SpanMonitor;
import org.natterjack.pstn.store.PstnRepository;
import org.natterjack.pstn.trunk.PstnPlan;
import org.natterjack.pstn.trunk.Span;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Asterisk's configuration in step with the store: when the trunks or spans change (the command line,
 * the web admin), the files are generated again, written where they changed, and the modules reading them
 * reloaded over AMI (as CLI commands); a reload that cannot happen now (Asterisk down) happens after the next
 * login. A changed DAHDI system.conf runs the configured apply command (dahdi_cfg), and the spans whose
 * layout changed are reported to the {@link SpanMonitor}: Asterisk applies them only when it restarts.
 */
final class ConfigSync {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigSync.class);
    /** The CLI command that makes Asterisk reread each generated file. */
    private static final Map<String, String> RELOADS = Map.of(
            GeneratedConfig.PJSIP, "module reload res_pjsip.so",
            GeneratedConfig.EXTENSIONS, "dialplan reload",
            GeneratedConfig.CHAN_DAHDI, "module reload chan_dahdi.so",
            GeneratedConfig.MANAGER, "manager reload");

    private final PstnSettings settings;
    private final PstnRepository repository;
    private final InetSocketAddress gateway;
    private final String domain;
    private final String amiSecret;
    private final SpanMonitor spans;
    private final Clock clock;
    private final ConfigWriter writer;
    private final Set<String> pendingReloads = new LinkedHashSet<>();
    /** Reloads that failed and are retried, whose failure was logged. */
    private final Set<String> failedReloads = new HashSet<>();
    private volatile PstnPlan plan = PstnPlan.empty();
    private boolean written;

    ConfigSync(PstnSettings settings, PstnRepository repository, InetSocketAddress gateway, String domain,
               String amiSecret, SpanMonitor spans, Clock clock) {
        this.settings = settings;
        this.repository = repository;
        this.gateway = gateway;
        this.domain = domain;
        this.amiSecret = amiSecret;
        this.spans = spans;
        this.clock = clock;
        this.writer = new ConfigWriter(settings.asteriskConfigDir(), settings.dahdiConfigDir(),
                settings.asteriskGroup());
    }

    /** The plan the current configuration was generated from. */
    PstnPlan plan() {
        return plan;
    }

    /** Generates and writes the configuration (no reload): at start, before Asterisk is connected. */
    synchronized void writeNow() {
        PstnPlan before = plan;
        plan = repository.plan();
        apply(writer.write(generate()), before);
        written = true;
    }

    /** Regenerates if the store changed since the last run, and carries out reloads still owed. */
    synchronized void syncIfChanged(AmiLink link) {
        PstnPlan stored = repository.plan();
        if (!written || !stored.equals(plan)) {
            PstnPlan before = plan;
            plan = stored;
            Set<String> changed = writer.write(generate());
            written = true;
            apply(changed, before);
            LOG.info("Trunks or spans changed: {} rewritten", changed.isEmpty() ? "no file" : changed);
        }
        reloadPending(link);
    }

    /** Writes what changed and reloads every generated module: an operator's explicit reload. */
    synchronized Set<String> reloadAll(AmiLink link) throws AmiException {
        PstnPlan before = plan;
        plan = repository.plan();
        Set<String> changed = writer.write(generate());
        apply(changed, before);
        pendingReloads.addAll(RELOADS.values());
        if (!reloadPending(link)) {
            throw new AmiException("files written, but Asterisk is not connected: it reloads after the next login");
        }
        return changed;
    }

    private GeneratedConfig generate() {
        return GeneratedConfig.of(new ConfigInputs(settings, plan, gateway, domain, amiSecret));
    }

    /** Reloads what changed; {@code before} is the plan the files on disk were generated from, if known. */
    private void apply(Set<String> changed, PstnPlan before) {
        changed.stream().map(RELOADS::get).filter(m -> m != null).forEach(pendingReloads::add);
        if (!changed.contains(GeneratedConfig.SYSTEM)) {
            return;
        }
        if (!settings.dahdiApply().isEmpty()) {
            runDahdiApply();
        }
        // At start the files on disk come from an unknown plan (the empty one here): every span counts as changed.
        List<Integer> changedSpans = plan.spans().stream()
                .filter(s -> before.span(s.number()).map(old -> !old.sameLayout(s)).orElse(true))
                .map(Span::number).toList();
        if (!changedSpans.isEmpty()) {
            spans.layoutChanged(changedSpans, clock.instant());
        }
    }

    /** Carries out the reloads owed; true if none is left. */
    private boolean reloadPending(AmiLink link) {
        if (pendingReloads.isEmpty() || !link.state().up()) {
            return pendingReloads.isEmpty();
        }
        for (String reload : Set.copyOf(pendingReloads)) {
            try {
                link.send(new CommandAction(reload));
                pendingReloads.remove(reload);
                failedReloads.remove(reload);
                LOG.info("Asterisk: {}", reload);
            } catch (AmiException e) {
                if (failedReloads.add(reload)) { // retried every few seconds: said once until it works
                    LOG.warn("Asterisk could not '{}' (retrying): {}", reload, e.getMessage());
                }
            }
        }
        return pendingReloads.isEmpty();
    }

    private void runDahdiApply() {
        try {
            Process p = new ProcessBuilder(settings.dahdiApply()).redirectErrorStream(true).start();
            boolean done = p.waitFor(30, TimeUnit.SECONDS);
            String output = new String(p.getInputStream().readNBytes(4000), StandardCharsets.UTF_8).trim();
            if (!done) {
                p.destroyForcibly();
                LOG.error("DAHDI: {} did not finish within 30 s", settings.dahdiApply());
            } else if (p.exitValue() != 0) {
                LOG.error("DAHDI: {} failed ({}): {}", settings.dahdiApply(), p.exitValue(), output);
            } else {
                LOG.info("DAHDI: applied system.conf with {}", settings.dahdiApply());
            }
        } catch (IOException e) {
            LOG.error("DAHDI: cannot run {}: {}", settings.dahdiApply(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
