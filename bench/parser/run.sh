#!/bin/sh
# The parser bench: the RI's StringMsgParser against FastMessageParser on the proxy bench's messages and a
# REGISTER with Authorization (see gateway/src/test/java/org/natterjack/sip/transport/parse/ParserBench.java).
# Usage: bench/parser/run.sh [rounds] [passes per round]     (defaults 7 and 50000; about a minute)
set -eu
cd "$(dirname "$0")/../../gateway"
mvn -B -o -q test-compile
mvn -B -o -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec java -Xms512m -Xmx512m -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    org.natterjack.sip.transport.parse.ParserBench "$@"
