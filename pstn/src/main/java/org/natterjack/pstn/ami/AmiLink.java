package org.natterjack.pstn.ami;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.EventTimeoutException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.natterjack.pstn.ami.event.DahdiAlarmClearEvent;
import org.natterjack.pstn.ami.event.DahdiAlarmEvent;
import org.natterjack.pstn.ami.event.PriShowSpansCompleteEvent;
import org.natterjack.pstn.ami.event.PriShowSpansEvent;
import org.natterjack.pstn.ami.event.SpanAlarmClearEvent;
import org.natterjack.pstn.ami.event.SpanAlarmEvent;
import org.natterjack.pstn.status.LinkState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manager (AMI) connection to Asterisk, kept up: logs in with an event mask, pings to find a dead link
 * (a socket read timeout catches a silent one), and after a loss logs in again on a fresh connection with
 * growing pauses. asterisk-java would reconnect by itself at a fixed pace; its connection is logged off on
 * a loss so that only this backoff applies.
 *
 * <p>Connecting and reconnecting run on one named thread of the link's own; actions may be sent from any.
 */
public final class AmiLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AmiLink.class);
    /** Channel life cycle (call) and alarms, shutdown, reloads (system). */
    private static final String EVENT_MASK = "system,call";
    private static final List<Class<? extends ManagerEvent>> OWN_EVENTS = List.of(DahdiAlarmEvent.class,
            DahdiAlarmClearEvent.class, SpanAlarmEvent.class, SpanAlarmClearEvent.class, PriShowSpansEvent.class,
            PriShowSpansCompleteEvent.class);

    private final ManagerConnectionFactory factory;
    private final String where;
    private final Duration timeout;
    private final Duration readTimeout;
    private final Backoff backoff;
    private final Clock clock;
    private final AmiListener listener;
    private final ScheduledExecutorService thread;
    private volatile ManagerConnection connection;
    private volatile LinkState state;
    private volatile boolean closed;

    /**
     * @param timeout for connecting, logging in and each action
     * @param readTimeout a connection on which nothing arrives for this long is dead (pings answer sooner)
     */
    public AmiLink(String host, int port, String username, String secret, Duration timeout, Duration readTimeout,
                   Duration maxBackoff, Clock clock, AmiListener listener) {
        this.factory = new ManagerConnectionFactory(host, port, username, secret);
        this.where = host + ":" + port;
        this.timeout = timeout;
        this.readTimeout = readTimeout;
        this.backoff = new Backoff(maxBackoff);
        this.clock = clock;
        this.listener = listener;
        this.state = LinkState.down("not connected yet", clock.instant());
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "natterjack-pstn-ami");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts connecting; returns at once. */
    public void start() {
        later(this::connect, Duration.ZERO);
    }

    public LinkState state() {
        return state;
    }

    /** Pings Asterisk; a link that does not answer in time is taken down and connected again. */
    public void check() {
        ManagerConnection c = connection;
        if (c == null) {
            return;
        }
        try {
            ManagerResponse response = c.sendAction(new PingAction(), timeout.toMillis());
            if (response instanceof ManagerError) {
                lost(c, "ping refused: " + response.getMessage());
            }
        } catch (IOException | TimeoutException | IllegalStateException e) {
            lost(c, "no answer to ping within " + timeout.toMillis() + " ms");
        }
    }

    /**
     * Sends {@code action} and waits (bounded) for the response.
     *
     * @throws AmiException if the link is down, Asterisk answered with an error, or did not answer in time
     */
    public ManagerResponse send(ManagerAction action) throws AmiException {
        ManagerConnection c = current();
        try {
            return checked(action, c.sendAction(action, timeout.toMillis()));
        } catch (IOException | TimeoutException | IllegalStateException e) {
            throw new AmiException(action.getAction() + ": " + e.getMessage(), e);
        }
    }

    /** Sends {@code action} and collects the events it generates (bounded), as {@link #send}. */
    public ResponseEvents sendForEvents(EventGeneratingAction action) throws AmiException {
        ManagerConnection c = current();
        try {
            ResponseEvents events = c.sendEventGeneratingAction(action, timeout.toMillis());
            checked(action, events.getResponse());
            return events;
        } catch (IOException | EventTimeoutException | IllegalStateException e) {
            throw new AmiException(action.getAction() + ": " + e.getMessage(), e);
        }
    }

    private ManagerConnection current() throws AmiException {
        ManagerConnection c = connection;
        if (c == null) {
            throw new AmiException("Asterisk is not connected (" + state.reason() + ")");
        }
        return c;
    }

    private static ManagerResponse checked(ManagerAction action, ManagerResponse response) throws AmiException {
        if (response instanceof ManagerError) {
            String output = response.getOutput() == null ? "" : response.getOutput().strip();
            throw new AmiException(action.getAction() + " failed: " + response.getMessage()
                    + (output.isEmpty() ? "" : " (" + output.replace('\n', ' ') + ")"));
        }
        return response;
    }

    private void connect() {
        if (closed) {
            return;
        }
        ManagerConnection c = factory.createManagerConnection();
        c.setSocketTimeout((int) timeout.toMillis());
        c.setSocketReadTimeout((int) readTimeout.toMillis());
        OWN_EVENTS.forEach(c::registerUserEventClass);
        c.addEventListener(event -> {
            if (event instanceof DisconnectEvent) {
                lost(c, "connection lost");
            } else if (c == connection) {
                listener.event(event);
            }
        });
        try {
            c.login(EVENT_MASK);
        } catch (IOException | AuthenticationFailedException | TimeoutException | IllegalStateException e) {
            logoff(c);
            down(describe(e));
            later(this::connect, backoff.next());
            return;
        }
        connection = c;
        backoff.reset();
        state = LinkState.up(clock.instant());
        LOG.info("AMI: logged in to {} at {}", c.getVersion(), where);
        listener.connected(this);
    }

    /** Takes {@code c} down (once) and schedules a new login. */
    private void lost(ManagerConnection c, String reason) {
        later(() -> {
            if (c != connection || closed) {
                return;
            }
            connection = null;
            // Stops asterisk-java's own reconnection loop on the dead connection; ours takes over.
            logoff(c);
            down(reason);
            listener.disconnected(reason);
            later(this::connect, backoff.next());
        }, Duration.ZERO);
    }

    private void later(Runnable task, Duration delay) {
        try {
            thread.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closed meanwhile: nothing more to do.
        }
    }

    private void down(String reason) {
        if (!reason.equals(state.reason())) {
            LOG.warn("AMI: Asterisk at {} is unreachable: {}; retrying with backoff", where, reason);
        }
        state = LinkState.down(reason, clock.instant());
    }

    private String describe(Exception e) {
        if (e instanceof AuthenticationFailedException) {
            return "login refused: the manager account does not match manager.conf (reload Asterisk)";
        }
        if (e instanceof TimeoutException) {
            return "no answer to login within " + timeout.toMillis() + " ms";
        }
        return "cannot connect: " + (e.getMessage() == null ? e.toString() : e.getMessage());
    }

    private static void logoff(ManagerConnection c) {
        try {
            c.logoff();
        } catch (RuntimeException e) {
            // Already disconnected: nothing to end.
        }
    }

    /** Logs off and stops reconnecting; the state says the link is closed from then on. */
    @Override
    public void close() {
        closed = true;
        state = LinkState.down("closed", clock.instant());
        thread.shutdownNow();
        ManagerConnection c = connection;
        connection = null;
        if (c != null) {
            logoff(c);
        }
    }
}
