# Picks a JDK >= 21 by itself: JAVA_HOME if it is one, else the newest under /usr/lib/jvm.
SHELL := /bin/bash
JAVA_HOME := $(shell ./bin/find-jdk)
export JAVA_HOME
MVN := mvn -B -ntp

.PHONY: test package clean run bench
test:
	$(MVN) verify

package:
	$(MVN) -DskipTests package

clean:
	$(MVN) clean

# The daemon with config.yml; without ELASTICSEARCH_URL it starts a local Elasticsearch node, and on an empty
# cluster it creates a demo connector and a full sync. Ctrl-C stops everything it started.
run:
	$(MVN) -q -DskipTests package
	exec "$(JAVA_HOME)/bin/java" -cp "connector-core/target/classes:connector-core/target/lib/*" io.connectors.core.demo.DemoLauncher config.yml

# The benchmark (docs/performance.md): raw bulk ceiling, full / no-op / incremental syncs, the daemon end to end,
# memory; every figure a ratio within one run. BENCH_DOCS (default 100000) and the other BENCH_* variables of
# bench/src/main/java/io/connectors/bench/BenchSettings.java tune it. Report: target/bench/report.md and report.json.
BENCH_DOCS ?= 100000
export BENCH_DOCS
bench:
	$(MVN) -q -DskipTests package -pl bench -am
	"$(JAVA_HOME)/bin/java" -Xmx1g -cp "bench/target/classes:bench/target/lib/*" io.connectors.bench.Bench
