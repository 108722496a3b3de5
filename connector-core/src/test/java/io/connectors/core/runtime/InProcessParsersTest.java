package io.connectors.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How many files in-process Tika parses at once: the downloads in flight, but no more than two per core. */
class InProcessParsersTest {

    @ParameterizedTest(name = "{0} downloads on {1} cores -> {2} parsers")
    @CsvSource({"10,2,4", "10,1,2", "10,8,10", "1,2,1", "3,16,3"})
    void inProcessParsers_downloadsBoundedByTwicePerCore(int downloads, int cores, int parsers) {
        assertThat(ConnectorRuntime.inProcessParsers(downloads, cores)).isEqualTo(parsers);
    }
}
