package io.connectors.ftest;

/**
 * One {@code make ftest NAME=<name>} scenario: starts its mock source, has the daemon sync it through the protocol,
 * changes the source, syncs again, and records every check and figure in the environment's report. A mismatch is a
 * failed check (the run goes on); {@link FtestFailure} ends the run.
 */
public interface Scenario {

    void run(FtestEnvironment environment) throws Exception;
}
