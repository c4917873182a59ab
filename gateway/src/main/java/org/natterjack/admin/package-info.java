/**
 * The gateway's administration API: small interfaces over immutable records that the web admin (or any
 * other plug-in, through {@link org.natterjack.plugin.GatewayContext#admin()}) uses to read and change the
 * running gateway, without reaching into the SIP, media or store packages. Changes go through the store, so
 * the registrar and the proxy pick them up as they pick up the command line's.
 */
package org.natterjack.admin;
