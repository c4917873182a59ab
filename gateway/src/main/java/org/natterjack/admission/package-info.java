/** Admission of new calls: the drain switch the upgrade agent turns before it switches slots. */
package org.natterjack.admission;
