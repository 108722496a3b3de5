package io.connectors.ftest.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SoakSettingsTest {

    @Test
    void from_emptyEnvironment_givesTheDocumentedDefaults() {
        SoakSettings settings = SoakSettings.from(Map.of());

        assertThat(settings.load()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.connectors()).isEqualTo(10);
        assertThat(settings.incrementalSeconds()).isEqualTo(10);
        assertThat(settings.fullSeconds()).isEqualTo(30);
        assertThat(settings.outage()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void from_badValues_failWithTheVariableName() {
        assertThatThrownBy(() -> SoakSettings.from(Map.of("SOAK_CONNECTORS", "ten"))).hasMessageContaining("SOAK_CONNECTORS");
        assertThatThrownBy(() -> SoakSettings.from(Map.of("SOAK_FULL_SECONDS", "90"))).hasMessageContaining("1-59");
        assertThatThrownBy(() -> SoakSettings.from(Map.of("SOAK_MINUTES", "0.5"))).hasMessageContaining("at least 1");
    }

    @Test
    void cron_staggersConnectorsWithinTheStep_asAQuartzSecondsStep() {
        assertThat(SoakSettings.cron(0, 10)).isEqualTo("0/10 * * * * ?");
        assertThat(SoakSettings.cron(13, 10)).isEqualTo("3/10 * * * * ?");
    }
}
