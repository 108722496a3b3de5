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

run:
	@echo "make run: not yet available (arrives with the daemon issue)"
