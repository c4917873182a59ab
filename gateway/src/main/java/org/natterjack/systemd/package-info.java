/**
 * The gateway as a systemd service: readiness, stopping and watchdog notifications (sd_notify), so that
 * {@code Type=notify} units start what depends on it only once it serves, and a hung JVM is restarted.
 */
package org.natterjack.systemd;
