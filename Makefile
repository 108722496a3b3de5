# Picks a JDK >= 21 by itself: JAVA_HOME if it is one, else the newest under /usr/lib/jvm.
SHELL := /bin/bash
JAVA_HOME := $(shell ./bin/find-jdk)
export JAVA_HOME
MVN := mvn -B -ntp

.PHONY: test package clean run ftest bench soak aot
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
	if [[ "$(AOT)" != no ]]; then $(MAKE) --no-print-directory aot AOT_ROOT=$(DIST); fi
	tar -C dist -czf $(DIST).tar.gz connectors-$(VERSION)
	@echo "Built $(DIST) and $(DIST).tar.gz"

# The JDK 25 AOT cache of bin/elastic-ingest (docs/performance.md, "The AOT cache"), written by `make package` for
# the distribution (AOT=no skips it) or by `make aot` for this checkout (whose bin/elastic-ingest bench, ftest and
# soak run). Training: bench phases 5 and 7 at AOT_ISSUES mock Jira issues on a local node, each daemon recording what
# it loads and links (CONNECTORS_AOT=record; the last recording, phase 7's full sync and webhook events, is kept), then
# the cache assembled from it (CONNECTORS_AOT=create). About 3 minutes.
# The cache holds only for the class path it was trained on: rebuilt jars make the JVM ignore it with a warning.
AOT ?= yes
AOT_ROOT ?= .
AOT_ISSUES ?= 300
aot:
	@major=$$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$(JAVA_HOME)/release"); \
	if (( $${major:-0} < 25 )); then echo "No AOT cache: the JDK in $(JAVA_HOME) is older than 25 (it needs JEP 483)"; exit 0; fi; \
	set -e; mkdir -p target; \
	if [[ ! -d bench/target/lib ]]; then $(MVN) -q -DskipTests package -pl bench -am; fi; \
	echo "Training the AOT cache of $(AOT_ROOT)/bin/elastic-ingest ($(AOT_ISSUES) issues, log in target/aot-training)"; \
	CONNECTORS_AOT=record BENCH_DAEMON_ROOT=$(AOT_ROOT) BENCH_ENGINE_PHASES=false BENCH_E2E_ISSUES=$(AOT_ISSUES) \
		BENCH_IDLE_SECONDS=0 BENCH_OUT=target/aot-training \
		"$(JAVA_HOME)/bin/java" -Xmx1g -cp "bench/target/classes:bench/target/lib/*" io.connectors.bench.Bench > target/aot-training.log 2>&1 \
		|| { tail -20 target/aot-training.log; echo "AOT training failed: see target/aot-training.log"; exit 1; }; \
	CONNECTORS_AOT=create $(AOT_ROOT)/bin/elastic-ingest > target/aot-create.log 2>&1 \
		|| { tail -20 target/aot-create.log; echo "writing the AOT cache failed: see target/aot-create.log"; exit 1; }; \
	cache=$(AOT_ROOT)/$$( [[ -d $(AOT_ROOT)/lib ]] && echo aot || echo target/aot )/elastic-ingest.aot; \
	rm -f "$$cache.config"; ls -l "$$cache"

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
