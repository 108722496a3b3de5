# Picks a JDK >= 21 by itself: JAVA_HOME if it is one, else the newest under /usr/lib/jvm.
SHELL := /bin/bash
JAVA_HOME := $(shell ./bin/find-jdk)
export JAVA_HOME
MVN := mvn -B -ntp

.PHONY: test package clean run
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
