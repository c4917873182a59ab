#!/usr/bin/env python3
"""Copies a tar archive with the content of some of its regular files replaced (owner, mode and times kept).

    replace-in-tar.py IN.tar OUT.tar NAME CONTENT [NAME CONTENT]...

NAME as the archive spells it (./usr/...); CONTENT gets a newline. GNU tar's --delete corrupted the image's
archive (pax headers: it carries extended attributes), so the tests' variants are made with this instead.
"""
import io
import sys
import tarfile

source, target, *pairs = sys.argv[1:]
replace = {name: (content + "\n").encode() for name, content in zip(pairs[::2], pairs[1::2])}
with tarfile.open(source, "r|") as archive, tarfile.open(target, "w|", format=tarfile.PAX_FORMAT) as copy:
    for member in archive:
        if member.name in replace:
            data = replace.pop(member.name)
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
        else:
            copy.addfile(member, archive.extractfile(member) if member.isreg() else None)
if replace:
    sys.exit("replace-in-tar.py: not in " + source + ": " + ", ".join(replace))
