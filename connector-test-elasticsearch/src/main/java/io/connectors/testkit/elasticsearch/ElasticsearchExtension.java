package io.connectors.testkit.elasticsearch;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the shared {@link TestElasticsearch} of the JVM as a parameter:
 * {@code @ExtendWith(ElasticsearchExtension.class) class FooIT { @Test void x(TestElasticsearch es) {...} } }.
 * It starts Elasticsearch before the first test class that uses it, and stops it when the whole test run ends, failed
 * tests or not.
 */
public final class ElasticsearchExtension implements ParameterResolver, BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ElasticsearchExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        shared(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestElasticsearch.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared(context);
    }

    private static TestElasticsearch shared(ExtensionContext context) {
        // The root store is closed once, after the last test of the run: that is when the node must go.
        context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(StopAtEndOfRun.class, key -> new StopAtEndOfRun(), StopAtEndOfRun.class);
        return ElasticsearchHarness.shared();
    }

    /** JUnit closes {@link AutoCloseable} values of the root store when the test run ends. */
    private static final class StopAtEndOfRun implements AutoCloseable {
        @Override
        public void close() {
            ElasticsearchHarness.stop();
        }
    }
}
