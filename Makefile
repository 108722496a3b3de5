# Picks a JDK >= 21 by itself: JAVA_HOME if it is one, else the newest under /usr/lib/jvm.
SHELL := /bin/bash
JAVA_HOME := $(shell ./bin/find-jdk)
export JAVA_HOME
MVN := mvn -B -ntp

.PHONY: test package clean run ftest
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

# End-to-end test of one connector: Elasticsearch (ELASTICSEARCH_URL, else a local node), the connector's mock source,
# and the daemon as a separate process, driven through the control protocol; exact counts and contents are verified
# after a full, an incremental and a second full sync. See docs/ftest.md. Exits non-zero on any mismatch.
#   make ftest NAME=jira [DATA_SIZE=small|medium|large] [FLAVOR=cloud|server|data_center] [FAULTS=yes]
NAME ?=
DATA_SIZE ?= small
FLAVOR ?= cloud
FAULTS ?= no
FTEST_JAVA_OPTS ?= -Xmx1g
ftest:
	$(MVN) -q -DskipTests -pl ftest -am package
	"$(JAVA_HOME)/bin/java" $(FTEST_JAVA_OPTS) -cp "ftest/target/classes:ftest/target/lib/*" io.connectors.ftest.FtestRunner \
		NAME=$(NAME) DATA_SIZE=$(DATA_SIZE) FLAVOR=$(FLAVOR) FAULTS=$(FAULTS)
