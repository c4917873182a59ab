/**
 * Backup and restore of the whole configuration: one JSON document with a format version, made of the core's
 * parts (SIP users, routing rules, ring groups, settings overrides) and those plug-ins contribute through
 * {@link org.natterjack.plugin.BackupPart}.
 */
package org.natterjack.backup;
