package org.natterjack.webadmin.ui;

import io.javalin.Javalin;
import java.util.Optional;
import org.natterjack.admin.AdminApi;
import org.natterjack.webadmin.BackupOperations;
import org.natterjack.webadmin.CertificateOperations;
import org.natterjack.webadmin.GroupOperations;
import org.natterjack.webadmin.NetworkOperations;
import org.natterjack.webadmin.Operations;
import org.natterjack.webadmin.PstnOperations;
import org.natterjack.webadmin.SettingsOperations;
import org.natterjack.webadmin.StatusView;
import org.natterjack.webadmin.TunnelOperations;
import org.natterjack.webadmin.UpgradeOperations;
import org.natterjack.webadmin.audit.AuditLog;
import org.natterjack.webadmin.auth.Accounts;
import org.natterjack.webadmin.auth.ApiTokens;
import org.natterjack.webadmin.auth.SignIn;

/** The server-rendered pages; htmx refreshes the live parts from {@code /fragments/...}. */
public final class Pages {

    private final SignInPages signIn;
    private final ConsolePages console;
    private final CallHistoryPages history;
    private final LadderPages ladders;
    private final ConfigPages config;
    private final SettingsPages settings;
    private final BackupPages backup;
    private final PstnPages pstn;
    private final GroupPages groups;
    private final UserPages users;
    private final LogPages logs;
    private final CertificatePages certificates;
    private final UpgradePages upgrades;
    private final NetworkPages network;
    private final TunnelPages tunnel;

    public Pages(Templates templates, AdminApi admin, Operations operations, StatusView status, SignIn signIn,
                 Accounts accounts, ApiTokens tokens, AuditLog audit, PstnOperations pstn,
                 CertificateOperations certificates, UpgradeOperations upgrades,
                 NetworkOperations network, TunnelOperations tunnel) {
        View view = new View(templates, admin.nodes().shared() ? Optional.of(admin.nodes().self().name())
                : Optional.empty());
        this.signIn = new SignInPages(view, signIn, operations);
        this.console = new ConsolePages(view, admin, operations, status);
        this.history = new CallHistoryPages(view, admin);
        this.ladders = new LadderPages(view, admin);
        this.users = new UserPages(view, admin, operations);
        this.config = new ConfigPages(view, admin, operations, accounts, tokens, audit);
        this.settings = new SettingsPages(view, admin, new SettingsOperations(admin, audit));
        this.backup = new BackupPages(view, new BackupOperations(admin, audit));
        this.pstn = new PstnPages(view, pstn);
        this.groups = new GroupPages(view, admin, new GroupOperations(admin, audit));
        this.logs = new LogPages(view, admin);
        this.certificates = new CertificatePages(view, certificates);
        this.upgrades = new UpgradePages(view, upgrades);
        this.network = new NetworkPages(view, network);
        this.tunnel = new TunnelPages(view, tunnel);
    }

    public void register(Javalin app) {
        signIn.register(app);
        console.register(app);
        history.register(app);
        ladders.register(app);
        users.register(app);
        config.register(app);
        settings.register(app);
        backup.register(app);
        pstn.register(app);
        groups.register(app);
        logs.register(app);
        certificates.register(app);
        upgrades.register(app);
        network.register(app);
        tunnel.register(app);
    }
}
