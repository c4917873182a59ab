/**
 * PSTN trunk adapter (to come): controls Asterisk over AMI and FastAGI with asterisk-java and bridges
 * PSTN calls to the gateway's SIP users. Depends on the gateway core; the core never depends on it.
 */
package org.natterjack.pstn;
