package org.natterjack.webadmin.api;

import java.util.ArrayList;
import java.util.List;
import org.natterjack.admin.AdminApi;
import org.natterjack.webadmin.BackupOperations;
import org.natterjack.webadmin.CertificateOperations;
import org.natterjack.webadmin.GroupOperations;
import org.natterjack.webadmin.NetworkOperations;
import org.natterjack.webadmin.TunnelOperations;
import org.natterjack.webadmin.Operations;
import org.natterjack.webadmin.PstnOperations;
import org.natterjack.webadmin.SettingsOperations;
import org.natterjack.webadmin.StatusView;
import org.natterjack.webadmin.UpgradeOperations;
import org.natterjack.webadmin.audit.AuditLog;
import org.natterjack.webadmin.auth.Accounts;
import org.natterjack.webadmin.auth.ApiTokens;
import org.natterjack.webadmin.auth.SignIn;

/** Every endpoint of the JSON API ({@code /api/v1}); {@code /api/openapi.json} describes them. */
public final class Api {

    public static final String OPENAPI_PATH = "/api/openapi.json";
    public static final String OPENAPI_RESOURCE = "/openapi.json";

    private Api() {
    }

    public static List<ApiRoute> routes(AdminApi admin, Operations operations, StatusView status, SignIn signIn,
                                        Accounts accounts, ApiTokens tokens, AuditLog audit, PstnOperations pstn,
                                        CertificateOperations certificates, UpgradeOperations upgrades,
                                        NetworkOperations network, TunnelOperations tunnel) {
        List<ApiRoute> routes = new ArrayList<>(new SessionEndpoints(signIn, operations).routes());
        routes.addAll(new GatewayEndpoints(admin, operations, status).routes());
        routes.addAll(new CallHistoryEndpoints(admin).routes());
        routes.addAll(new AccountEndpoints(accounts, tokens, audit, operations).routes());
        routes.addAll(new SettingsEndpoints(admin, new SettingsOperations(admin, audit)).routes());
        routes.addAll(new BackupEndpoints(new BackupOperations(admin, audit)).routes());
        routes.addAll(new PstnEndpoints(pstn).routes());
        routes.addAll(new GroupEndpoints(new GroupOperations(admin, audit)).routes());
        routes.addAll(new LogEndpoints(admin).routes());
        routes.addAll(new CertificateEndpoints(certificates).routes());
        routes.addAll(new UpgradeEndpoints(upgrades).routes());
        routes.addAll(new NetworkEndpoints(network).routes());
        routes.addAll(new TunnelEndpoints(tunnel).routes());
        return List.copyOf(routes);
    }
}
