/**
 * The web admin: a gateway plug-in serving HTTPS pages and a JSON API ({@code /api/v1}) from inside the
 * gateway process. It reaches the gateway only through {@link org.natterjack.admin.AdminApi} and the plug-in
 * SPI; its own state (accounts, API tokens, the audit log) lives in the store under its own migrations
 * ({@code db/webadmin}).
 */
package org.natterjack.webadmin;
