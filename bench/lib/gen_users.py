#!/usr/bin/env python3
"""Creates the benchmark accounts for both registrars and the sipp injection files.

usage: gen_users.py COUNT PROCS DB_FILE KAMAILIO_INCLUDE CSV_PREFIX

- DB_FILE: the gateway's natterjack.db (already migrated by one gateway start); rows go straight into
  sip_user (HA1 only, as `natterjack user add` would store them; realm 'natterjack', domain '' = any).
  "-" for none (Kamailio only).
- KAMAILIO_INCLUDE: htable assignments $sht(cred=>USER) = "HA1-MD5" for event_route[htable:mod-init].
- CSV_PREFIX: PROCS files CSV_PREFIX<k>.csv, each with a disjoint slice of the users, in sipp's
  SEQUENTIAL injection format: user;[authentication username=user password=pass]
"""
import datetime
import hashlib
import sqlite3
import sys

REALM = "natterjack"


def main():
    count, procs = int(sys.argv[1]), int(sys.argv[2])
    db_file, kam_include, csv_prefix = sys.argv[3], sys.argv[4], sys.argv[5]
    now = datetime.datetime.now(datetime.timezone.utc).isoformat()
    users = [(f"bench{i:06d}", f"pw-{i}-{(i * 7919) % 100003:05d}") for i in range(1, count + 1)]

    rows = []
    for user, password in users:
        a1 = f"{user}:{REALM}:{password}".encode()
        rows.append((user, "", REALM, hashlib.md5(a1).hexdigest(), hashlib.sha256(a1).hexdigest(), now))
    if db_file != "-":
        db = sqlite3.connect(db_file, timeout=30)
        db.executemany("INSERT INTO sip_user (username, domain, realm, ha1_md5, ha1_sha256, created_at)"
                       " VALUES (?, ?, ?, ?, ?, ?)", rows)
        db.commit()
        db.close()

    with open(kam_include, "w") as f:
        for user, _, _, ha1_md5, _, _ in rows:
            f.write(f'\t$sht(cred=>{user}) = "{ha1_md5}";\n')

    for k in range(procs):
        with open(f"{csv_prefix}{k}.csv", "w") as f:
            f.write("SEQUENTIAL\n")
            for user, password in users[k::procs]:
                f.write(f"{user};[authentication username={user} password={password}]\n")


if __name__ == "__main__":
    main()
