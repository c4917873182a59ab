package org.natterjack.webadmin;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.natterjack.admin.AdminUrl;
import org.natterjack.config.ListenAddress;
import org.natterjack.net.IpLiteral;
import org.natterjack.network.api.NetworkApi;
import org.natterjack.plugin.GatewayContext;
import org.natterjack.plugin.GatewayPlugin;
import org.natterjack.pstn.api.PstnApi;
import org.natterjack.tunnel.api.TunnelApi;
import org.natterjack.pstn.api.PstnSwitch;
import org.natterjack.upgrade.api.UpgradeApi;
import org.natterjack.webadmin.api.Api;
import org.natterjack.webadmin.audit.AuditLog;
import org.natterjack.webadmin.auth.Accounts;
import org.natterjack.webadmin.auth.AccountsBackup;
import org.natterjack.webadmin.auth.ApiTokens;
import org.natterjack.webadmin.auth.LoginThrottle;
import org.natterjack.webadmin.auth.PasswordHasher;
import org.natterjack.webadmin.auth.Sessions;
import org.natterjack.webadmin.auth.SetupToken;
import org.natterjack.webadmin.auth.SignIn;
import org.natterjack.webadmin.tls.CertificateExpiry;
import org.natterjack.webadmin.tls.ServedCertificate;
import org.natterjack.webadmin.tls.TlsKeys;
import org.natterjack.webadmin.ui.Pages;
import org.natterjack.webadmin.ui.Templates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web admin as a gateway plug-in ({@code plugins.web-admin}): on by default, HTTPS on 8443. Without an
 * admin account it logs the one-time setup link instead of having a default password.
 */
public final class WebAdminPlugin implements GatewayPlugin {

    private static final Logger LOG = LoggerFactory.getLogger(WebAdminPlugin.class);
    public static final String NAME = "web-admin";

    private AdminServer server;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start(GatewayContext context) throws Exception {
        WebAdminSettings settings = context.settings(WebAdminSettings.class);
        if (!settings.enabled()) {
            LOG.info("Web admin is off (plugins.web-admin.enabled is false)");
            return;
        }
        context.store().migrate("webadmin");
        context.contributeBackup(AccountsBackup.part());
        ObjectMapper json = json();
        var clock = context.clock();
        Accounts accounts = new Accounts(context.store(), new PasswordHasher(), clock);
        ApiTokens tokens = new ApiTokens(context.store(), clock);
        Sessions sessions = new Sessions(Duration.ofMinutes(settings.sessionIdleMinutes()), clock);
        AuditLog audit = new AuditLog(context.store(), json, clock);
        SetupToken setup = new SetupToken();
        SignIn signIn = new SignIn(accounts, sessions, new LoginThrottle(settings.loginFailureLimit(),
                Duration.ofMinutes(settings.lockoutMinutes()), clock), setup, audit);
        Operations operations = new Operations(context.admin(), accounts, tokens, sessions, audit);
        StatusHistory history = new StatusHistory(context.admin(), clock);
        PstnOperations pstn = new PstnOperations(() -> context.lookup(PstnApi.class),
                () -> context.lookup(PstnSwitch.class), audit);
        StatusView status = new StatusView(context.admin(), () -> context.lookup(PstnApi.class), pstn.adapter(),
                history, context.metrics()::scrape, context.alarms());
        TunnelOperations tunnel = new TunnelOperations(() -> context.lookup(TunnelApi.class), audit);
        UpgradeOperations upgrades = new UpgradeOperations(() -> context.lookup(UpgradeApi.class), audit);
        NetworkOperations network = new NetworkOperations(() -> context.lookup(NetworkApi.class), audit);
        Path keys = context.dataDir().resolve(NAME);
        TlsKeys.Loaded loaded = TlsKeys.load(settings, keys, settings.listen().address());
        ServedCertificate tls = new ServedCertificate(loaded, keys, configuredCertificate(settings), clock);
        CertificateOperations certificates = new CertificateOperations(tls, audit);
        server = AdminServer.start(settings.listen(), tls, json, new AccessControl(sessions, tokens),
                Api.routes(context.admin(), operations, status, signIn, accounts, tokens, audit, pstn,
                        certificates, upgrades, network, tunnel),
                new Pages(new Templates(), context.admin(), operations, status, signIn, accounts, tokens, audit,
                        pstn, certificates, upgrades, network, tunnel)::register);
        context.every(Duration.ofMinutes(1), "purge", signIn::purge);
        CertificateExpiry expiry = new CertificateExpiry(tls, context.alarms(), clock);
        expiry.check();
        context.every(Duration.ofHours(1), "certificate-expiry", expiry::check);
        history.sample();
        context.every(StatusHistory.INTERVAL, "history", history::sample);
        // The fingerprint lets the operator check, at the first visit, the self-signed certificate the browser shows.
        LOG.info("Web admin on https://{}:{}/ ({}, SHA-256 fingerprint {})", host(settings.listen()), server.port(),
                loaded.description(), tls.current().sha256());
        String local = settings.listen().isWildcard() ? "127.0.0.1" : IpLiteral.uriHost(settings.listen().address());
        context.publish(AdminUrl.class, new AdminUrl(URI.create("https://" + local + ":" + server.port() + "/login")));
        if (!accounts.hasAdmin()) {
            LOG.info("Admin setup: https://{}:{}/setup?token={}", host(settings.listen()), server.port(),
                    setup.issue());
        }
    }

    /** The setting that names the served certificate, if the configuration names one. */
    private static Optional<String> configuredCertificate(WebAdminSettings settings) {
        return settings.keystore().map(k -> "plugins.web-admin.keystore: " + k)
                .or(() -> settings.certificate().map(c -> "plugins.web-admin.certificate: " + c));
    }

    /** Unknown fields are errors, so a typo in an API call is not silently ignored. */
    static ObjectMapper json() {
        return new ObjectMapper().registerModule(new Jdk8Module()).registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The address to put in a link: the listen address, or for a wildcard the host's first global one. */
    private static String host(ListenAddress listen) {
        if (!listen.isWildcard()) {
            return IpLiteral.uriHost(listen.address());
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof java.net.Inet4Address && !a.isLinkLocalAddress()) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // fall through to localhost
        }
        return "localhost";
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
