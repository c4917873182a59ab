/**
 * AMI event and action classes asterisk-java lacks or gets wrong for modern chan_dahdi: span alarms, channel
 * alarms with the {@code DAHDIChannel} field (Asterisk 13 and later; earlier versions said {@code Channel}),
 * and PRIShowSpans. They are registered with each manager connection ({@code @AsteriskMapping} names the
 * event) and read only by {@link org.natterjack.pstn.ami.AmiEvents}.
 */
package org.natterjack.pstn.ami.event;
