package org.natterjack.pstn.ami;

import org.asteriskjava.manager.event.ManagerEvent;

/** Learns what happens on the AMI link. */
public interface AmiListener {

    /** Logged in (again): state kept from before must be resynchronised. Runs on the link's own thread. */
    void connected(AmiLink link);

    /** An event from Asterisk; runs on asterisk-java's dispatch thread, so it must not block. */
    void event(ManagerEvent event);

    /** The link is down (Asterisk stopped, a ping went unanswered, or login failed). */
    void disconnected(String reason);
}
