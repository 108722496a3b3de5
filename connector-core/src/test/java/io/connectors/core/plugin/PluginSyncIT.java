package io.connectors.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectors.api.source.DataSource;
import io.connectors.api.source.Filtering;
import io.connectors.core.config.ConfigLoader;
import io.connectors.core.config.ConnectorsConfig;
import io.connectors.core.extraction.ExtractionSettings;
import io.connectors.core.extraction.TikaExtractor;
import io.connectors.core.runtime.RuntimeSourceContext;
import io.connectors.core.runtime.SyncFactory;
import io.connectors.core.sync.SyncProgress;
import io.connectors.core.sync.SyncReport;
import io.connectors.testkit.elasticsearch.ElasticsearchExtension;
import io.connectors.testkit.elasticsearch.IndexProbe;
import io.connectors.testkit.elasticsearch.TestElasticsearch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A third party's source, shipped as a jar in plugins/ and named in config.yml, syncs into Elasticsearch. */
@ExtendWith(ElasticsearchExtension.class)
class PluginSyncIT {

    @Test
    void sync_sourceFromAPluginJarNamedInConfigYml_landsInElasticsearch(TestElasticsearch es, @TempDir Path home) throws Exception {
        TinyPlugin.buildInto(home.resolve("plugins"));
        Path configFile = home.resolve("config.yml");
        Files.writeString(configFile, """
                elasticsearch:
                  host: %s
                service:
                  plugins_dir: plugins
                sources:
                  tiny: %s
                """.formatted(es.url(), TinyPlugin.GOOD));
        ConnectorsConfig config = ConfigLoader.load(configFile);
        String index = es.uniqueIndex("plugin");

        try (SourceRegistry registry = SourceRegistry.create(config.sources(), config.pluginsDirectory());
             IndexProbe probe = new IndexProbe(es.url());
             DataSource source = registry.create("tiny", Map.of("count", "7"), RuntimeSourceContext.of("plugin"));
             TikaExtractor extractor = TikaExtractor.create(ExtractionSettings.defaults())) {
            SyncFactory factory = new SyncFactory(config, probe.asyncClient(), extractor);

            SyncReport report = factory.engine(index, 0).fullSync(source, Filtering.NONE, new SyncProgress())
                    .block(Duration.ofMinutes(1));

            assertThat(report.completed()).as(report.summary()).isTrue();
            assertThat(report.created()).isEqualTo(7);
            assertThat(probe.count(index)).isEqualTo(7);
            assertThat(probe.document(index, "tiny-6").orElseThrow().get("title").asText()).isEqualTo("tiny document 6");
        }
    }
}
