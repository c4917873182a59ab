package org.natterjack.webadmin;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.natterjack.admin.AdminApi;
import org.natterjack.admin.GatewaySummary;
import org.natterjack.alarms.Alarm;
import org.natterjack.alarms.Alarms;
import org.natterjack.plugin.SwitchState;
import org.natterjack.pstn.api.PstnApi;

/** The dashboard's figures: the gateway, the host, the last 24 h, and the PSTN adapter when it runs. */
public final class StatusView {

    static final int ALARM_HISTORY = 200;

    private final AdminApi admin;
    private final Supplier<Optional<PstnApi>> pstn;
    private final SwitchOperations adapter;
    private final StatusHistory history;
    private final Supplier<Optional<String>> scrape;
    private final Alarms alarms;

    /**
     * @param pstn looked up on each call: published while the PSTN adapter runs
     * @param adapter the PSTN adapter's switch
     * @param scrape every meter in the Prometheus text format; empty while metrics are off
     */
    public StatusView(AdminApi admin, Supplier<Optional<PstnApi>> pstn, SwitchOperations adapter,
                      StatusHistory history, Supplier<Optional<String>> scrape, Alarms alarms) {
        this.admin = admin;
        this.pstn = pstn;
        this.adapter = adapter;
        this.history = history;
        this.scrape = scrape;
        this.alarms = alarms;
    }

    /** The alarms active now, most severe first. */
    public List<Alarm> activeAlarms() {
        return alarms.active();
    }

    /** The latest {@value #ALARM_HISTORY} raisings, newest first, active or cleared. */
    public List<Alarm> alarmHistory() {
        return alarms.history(ALARM_HISTORY);
    }

    /** The gateway's meters for Prometheus; empty while {@code metrics.enabled} is false. */
    public Optional<String> metrics() {
        return scrape.get();
    }

    public StatusHistory history() {
        return history;
    }

    public Map<String, Object> summary() {
        GatewaySummary s = admin.status();
        Runtime rt = Runtime.getRuntime();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", s.version());
        m.put("uptimeSeconds", s.uptime().toSeconds());
        m.put("registrations", s.registrations());
        m.put("relaySessions", s.relaySessions());
        m.put("relayPacketsPerSecond", s.relayPacketsPerSecond());
        m.put("relayBitsPerSecond", s.relayBitsPerSecond());
        m.put("relayPorts", s.relayPorts());
        m.put("callsRefusedOverloaded", s.callsRefusedOverloaded());
        m.put("systemLoadAverage", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        m.put("processors", rt.availableProcessors());
        m.put("heapUsedBytes", rt.totalMemory() - rt.freeMemory());
        m.put("heapMaxBytes", rt.maxMemory());
        return m;
    }

    /**
     * Asterisk link, trunks, spans and calls; {@code running: false} while the PSTN adapter does not run, with
     * {@code notRunning} saying why; {@code adapter}: its switch, when the pstn plug-in is installed.
     */
    public Map<String, Object> pstn() {
        Optional<PstnApi> api = pstn.get();
        Optional<SwitchState> state = adapter.state();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("running", api.isPresent());
        state.ifPresent(s -> m.put("adapter", s));
        if (api.isEmpty()) {
            m.put("notRunning", adapter.whyNotRunning());
        }
        api.ifPresent(p -> {
            m.put("asterisk", p.asterisk());
            m.put("trunks", p.trunks());
            m.put("spans", p.spans());
            m.put("calls", p.activeCalls());
        });
        if (api.isEmpty()) {
            m.put("trunks", List.of());
            m.put("spans", List.of());
            m.put("calls", List.of());
        }
        return m;
    }
}
