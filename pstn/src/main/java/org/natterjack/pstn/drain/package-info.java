/**
 * Trunks busied out while the gateway drains before an upgrade: which DAHDI channels get which AMI action
 * ({@link org.natterjack.pstn.drain.BusyOutPlan}, pure) and carrying it out
 * ({@link org.natterjack.pstn.drain.TrunkBusyOut}). New incoming calls are refused in the FastAGI router.
 */
package org.natterjack.pstn.drain;
