# Picks a JDK >= 21 by itself: JAVA_HOME if it is one, else the newest under /usr/lib/jvm.
SHELL := /bin/bash
JAVA_HOME := $(shell ./bin/find-jdk)
export JAVA_HOME
MVN := mvn -B -ntp

.PHONY: test package clean run ftest bench soak
test:
	$(MVN) verify

# Jars (connector-*/target, with connector-core/target/lib) for bin/*, and a distribution in dist/: bin/, lib/,
# plugins/, config.yml, docs/, as a folder and a tarball. The test modules (connector-test-elasticsearch,
# connector-testkit) stay out of it.
# The version is the pom's (what `make package` installs into ~/.m2, and what a plugin's pom names)
VERSION := $(shell sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' pom.xml)
DIST := dist/connectors-$(VERSION)
package:
	$(MVN) -q -DskipTests install
	rm -rf $(DIST) && mkdir -p $(DIST)/bin $(DIST)/lib $(DIST)/plugins
	cp bin/elastic-ingest bin/connectors bin/run-java bin/find-jdk $(DIST)/bin/
	cp connector-core/target/lib/*.jar $(DIST)/lib/
	cp connector-qbusiness-sink/target/lib/*.jar $(DIST)/lib/
	for jar in connector-*/target/connector-*.jar; do case $$jar in *-tests.jar|*/connector-test-elasticsearch-*|*/connector-testkit-*) ;; *) cp $$jar $(DIST)/lib/ ;; esac; done
	cp config.yml README.md $(DIST)/ && cp -r docs $(DIST)/docs
	echo "Drop third-party source jars here (service.plugins_dir)." > $(DIST)/plugins/README.txt
	tar -C dist -czf $(DIST).tar.gz connectors-$(VERSION)
	@echo "Built $(DIST) and $(DIST).tar.gz"

clean:
	$(MVN) clean

# The daemon with config.yml; without ELASTICSEARCH_URL it starts a local Elasticsearch node, and on an empty
# cluster it creates a demo connector and a full sync, then prints a search to try. Ctrl-C stops everything it started.
#   make run [DEMO=jira|articles]   jira: the Jira source against the mock Jira (default); articles: generated ones
DEMO ?= jira
run:
	$(MVN) -q -DskipTests -pl ftest -am package
	exec "$(JAVA_HOME)/bin/java" -cp "ftest/target/classes:ftest/target/lib/*" io.connectors.ftest.dev.DemoLauncher config.yml $(DEMO)

# End-to-end test of one connector: Elasticsearch (ELASTICSEARCH_URL, else a local node), the connector's mock source,
# and the daemon as a separate process, driven through the control protocol; exact counts and contents are verified
# after a full, an incremental and a second full sync. See docs/ftest.md. Exits non-zero on any mismatch.
#   make ftest NAME=jira [DATA_SIZE=small|medium|large] [FLAVOR=cloud|server|data_center] [FAULTS=yes] [WEBHOOKS=yes]
#             [SINK=elasticsearch|qbusiness|both]  (qbusiness: a mock Q Business, SigV4 verified, as well or instead)
NAME ?=
DATA_SIZE ?= small
FLAVOR ?= cloud
FAULTS ?= no
WEBHOOKS ?= no
SINK ?= elasticsearch
FTEST_JAVA_OPTS ?= -Xmx1g
ftest:
	$(MVN) -q -DskipTests -pl ftest -am package
	"$(JAVA_HOME)/bin/java" $(FTEST_JAVA_OPTS) -cp "ftest/target/classes:ftest/target/lib/*" io.connectors.ftest.FtestRunner \
		NAME=$(NAME) DATA_SIZE=$(DATA_SIZE) FLAVOR=$(FLAVOR) FAULTS=$(FAULTS) WEBHOOKS=$(WEBHOOKS) SINK=$(SINK)

# The benchmark (docs/performance.md): raw bulk ceiling, full / no-op / incremental syncs, the daemon end to end,
# memory; every figure a ratio within one run. BENCH_DOCS (default 100000) and the other BENCH_* variables of
# bench/src/main/java/io/connectors/bench/BenchSettings.java tune it. Report: target/bench/report.md and report.json.
BENCH_DOCS ?= 100000
export BENCH_DOCS
bench:
	$(MVN) -q -DskipTests package -pl bench -am
	"$(JAVA_HOME)/bin/java" -Xmx1g -cp "bench/target/classes:bench/target/lib/*" io.connectors.bench.Bench

# The soak (docs/development.md, "Load and soak"): the daemon as shipped for SOAK_MINUTES (default 10) against 10 mock
# Jiras with 429s, 500s and unanswered requests, schedules every few seconds, data changing all along and one
# Elasticsearch restart at half time; then every index must equal its source, no job be left running, and VmRSS, open
# file descriptors and the heap after GC be flat. Not part of make test. Report: target/soak/report.md and report.json.
#   make soak [SOAK_MINUTES=10] (the other SOAK_* variables: ftest/src/main/java/io/connectors/ftest/soak/SoakSettings.java)
SOAK_MINUTES ?= 10
export SOAK_MINUTES
soak:
	$(MVN) -q -DskipTests -pl ftest -am package
	"$(JAVA_HOME)/bin/java" -Xmx1g -cp "ftest/target/classes:ftest/target/lib/*" io.connectors.ftest.soak.SoakRunner
