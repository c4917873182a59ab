/** Per-account settings of SIP users beyond their credentials (maximum contacts, NAT policy, home route). */
package org.natterjack.users;
