package org.natterjack.webadmin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.util.JavalinBindException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.natterjack.admin.InvalidFieldException;
import org.natterjack.config.ListenAddress;
import org.natterjack.plugin.FatalStartException;
import org.natterjack.store.StoreException;
import org.natterjack.webadmin.api.Api;
import org.natterjack.webadmin.api.ApiRoute;
import org.natterjack.webadmin.tls.ServedCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS server: Javalin on Jetty with one TLS connector, the access check before every route, security
 * headers on every response, and errors turned into a status with a message (JSON under {@code /api}); no
 * request can take the process down.
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

    private final Javalin app;

    private AdminServer(Javalin app) {
        this.app = app;
    }

    /**
     * @param pages registers the HTML pages
     * @throws FatalStartException if the address cannot be bound (a port taken, an address not ours): the gateway
     *     must not run without its only configuration surface
     */
    public static AdminServer start(ListenAddress listen, ServedCertificate tls, ObjectMapper json,
                                    AccessControl access, List<ApiRoute> api, Consumer<Javalin> pages) {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(json, false));
            config.staticFiles.enableWebjars();
            config.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/static";
                files.location = Location.CLASSPATH;
            });
            config.jetty.addConnector((server, http) -> httpsConnector(server, http, listen, tls));
        });
        app.before(AdminServer::securityHeaders);
        app.beforeMatched(access::check);
        for (ApiRoute route : api) {
            app.addHttpHandler(route.method(), route.path(), route.handler(),
                    route.role().stream().toArray(io.javalin.security.RouteRole[]::new));
        }
        app.get(Api.OPENAPI_PATH, ctx -> ctx.contentType("application/json")
                .result(AdminServer.class.getResourceAsStream(Api.OPENAPI_RESOURCE)));
        pages.accept(app);
        app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage(),
                Optional.empty()));
        app.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage(), fieldOf(e)));
        // The database away (a shared store's, mostly): the operator can try again once it answers.
        app.exception(StoreException.class, (e, ctx) -> {
            LOG.warn("Web admin: {} {} failed: {}", ctx.method(), ctx.path(), e.getMessage());
            error(ctx, 503, "the store is unavailable: " + e.getMessage(), Optional.empty());
        });
        app.exception(Exception.class, (e, ctx) -> unexpected(ctx, e));
        app.error(404, ctx -> {
            if (ctx.result() == null) {
                error(ctx, 404, "no such page: " + ctx.path(), Optional.empty());
            }
        });
        try {
            app.start();
        } catch (JavalinBindException e) {
            app.stop();
            throw new FatalStartException("the web admin cannot listen on " + listen + "/tcp: " + rootCause(e)
                    + " (plugins.web-admin.listen or --admin-listen sets its address)", e);
        }
        return new AdminServer(app);
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    private static ServerConnector httpsConnector(org.eclipse.jetty.server.Server server, HttpConfiguration http,
                                                  ListenAddress listen, ServedCertificate tls) {
        SslContextFactory.Server ssl = tls.sslContextFactory();
        http.setSecureScheme("https");
        http.setSendServerVersion(false);
        // A self-signed certificate names no address the operator may type, so SNI is not checked.
        http.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(http));
        connector.setHost(listen.address().getHostAddress());
        connector.setPort(listen.port());
        return connector;
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none';"
                + " form-action 'self'; base-uri 'none'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Strict-Transport-Security", "max-age=31536000");
        ctx.header("Cache-Control", "no-store");
    }

    private static void unexpected(Context ctx, Exception e) {
        if (e instanceof JsonProcessingException json) {
            Throwable cause = json.getCause();
            if (cause instanceof IllegalArgumentException invalid) {
                error(ctx, 400, invalid.getMessage(), fieldOf(invalid));
            } else {
                error(ctx, 400, "malformed JSON: " + json.getOriginalMessage(), Optional.empty());
            }
            return;
        }
        LOG.warn("Web admin: {} {} failed: {}", ctx.method(), ctx.path(), e.toString());
        LOG.debug("Web admin request failure", e);
        error(ctx, 500, "internal error: " + e.getMessage(), Optional.empty());
    }

    /**
     * JSON {@code {"error": ..., "field": ...}} under /api and for /metrics, whose clients are programs (the field
     * the refusal concerns, if it names one); a page otherwise (the login page for 401).
     */
    private static void error(Context ctx, int status, String message, Optional<String> field) {
        ctx.status(status);
        if (ctx.path().startsWith("/api/") || ctx.path().equals("/metrics")) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", message);
            field.ifPresent(f -> body.put("field", f));
            ctx.json(body);
        } else if (status == HttpStatus.UNAUTHORIZED.getCode()) {
            ctx.redirect("/login", HttpStatus.SEE_OTHER);
        } else {
            ctx.contentType("text/plain; charset=utf-8").result(status + " " + message);
        }
    }

    /** The field a refusal concerns (the first, if several): only an {@link InvalidFieldException} names one. */
    public static Optional<String> fieldOf(IllegalArgumentException refusal) {
        return refusal instanceof InvalidFieldException invalid ? Optional.of(invalid.errors().get(0).field())
                : Optional.empty();
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
