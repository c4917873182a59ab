/**
 * Web admin (to come): configuration and live status in a browser, through the gateway's small API
 * (users in the store, registrations from the location service). Nothing depends on this module.
 */
package org.natterjack.admin;
