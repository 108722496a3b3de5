package io.connectors.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigFieldTest {

    @Test
    void builder_defaults_followElasticConventions() {
        ConfigField field = ConfigField.string("jira_url").build();

        assertThat(field.label()).isEqualTo("jira_url");
        assertThat(field.type()).isEqualTo(FieldType.STR);
        assertThat(field.display()).isEqualTo(Display.TEXT);
        assertThat(field.required()).isTrue();
        assertThat(field.sensitive()).isFalse();
        assertThat(field.defaultValue()).isNull();
        assertThat(field.order()).isZero();
        assertThat(field.tooltip()).isNull();
        assertThat(field.dependsOn()).isEmpty();
        assertThat(field.options()).isEmpty();
        assertThat(field.validations()).isEmpty();
        assertThat(field.uiRestrictions()).isEmpty();
    }

    @Test
    void builder_defaultDisplay_dependsOnTypeAndOptions() {
        assertThat(ConfigField.integer("i").build().display()).isEqualTo(Display.NUMERIC);
        assertThat(ConfigField.bool("b").build().display()).isEqualTo(Display.TOGGLE);
        assertThat(ConfigField.list("l").build().display()).isEqualTo(Display.TEXTAREA);
        assertThat(ConfigField.string("s").options(Option.of("a")).build().display()).isEqualTo(Display.DROPDOWN);
        assertThat(ConfigField.string("s").display(Display.TEXTBOX).build().display()).isEqualTo(Display.TEXTBOX);
    }

    @Test
    void builder_bool_defaultsToFalse_unlessCleared() {
        assertThat(ConfigField.bool("b").build().defaultValue()).isEqualTo(false);
        assertThat(ConfigField.bool("b").defaultValue(null).build().defaultValue()).isNull();
    }

    @Test
    void builder_setsEveryComponent() {
        ConfigField field = ConfigField.integer("retry_count").label("Retries").defaultValue("3").optional()
                .sensitive().order(7).tooltip("How often").display(Display.DROPDOWN)
                .options(new Option("three", 3L), new Option("five", "5")).dependsOn("mode", "x")
                .validation(Validation.lessThan(10)).uiRestriction("advanced").build();

        assertThat(field).isEqualTo(new ConfigField("retry_count", "Retries", FieldType.INT, Display.DROPDOWN, 3,
                false, true, 7, "How often", List.of(new Dependency("mode", "x")),
                List.of(new Option("three", 3), new Option("five", 5)), List.of(Validation.lessThan(10)),
                List.of("advanced")));
    }

    @Test
    void constructor_normalizesDefaults() {
        assertThat(ConfigField.list("l").defaultValue(" a, b ").build().defaultValue()).isEqualTo(List.of("a", "b"));
        assertThat(ConfigField.bool("b").defaultValue("TRUE").build().defaultValue()).isEqualTo(true);
        assertThat(ConfigField.string("s").defaultValue("").build().defaultValue()).isNull();
    }

    @Test
    void constructor_copiesLists() {
        List<String> restrictions = new ArrayList<>(List.of("advanced"));
        ConfigField field = new ConfigField("k", "K", FieldType.STR, Display.TEXT, null, true, false, 0, null,
                List.of(), List.of(), List.of(), restrictions);

        restrictions.add("hidden");

        assertThat(field.uiRestrictions()).containsExactly("advanced");
    }

    @Test
    void constructor_rejectsInconsistentDeclarations() {
        assertThatIllegalArgumentException().isThrownBy(() -> ConfigField.string(" ").build());
        assertThatIllegalArgumentException().isThrownBy(() -> ConfigField.string("k").label("").build());
        assertThatIllegalArgumentException().isThrownBy(() -> ConfigField.string("k").order(0));
        assertThatIllegalArgumentException().isThrownBy(() -> ConfigField.integer("k").defaultValue("ten").build())
                .withMessageContaining("k: default value must be an integer");
        assertThatIllegalArgumentException().isThrownBy(
                () -> ConfigField.integer("k").defaultValue(20).validation(Validation.lessThan(10)).build())
                .withMessageContaining("must be less than 10");
        assertThatIllegalArgumentException().isThrownBy(
                () -> ConfigField.string("k").options(Option.of("a")).defaultValue("b").build());
        assertThatIllegalArgumentException().isThrownBy(
                () -> ConfigField.string("k").validation(Validation.lessThan(3)).build())
                .withMessageContaining("less_than does not apply to str");
        assertThatIllegalArgumentException().isThrownBy(
                () -> ConfigField.string("k").validation(Validation.listType("int")).build());
        assertThatIllegalArgumentException().isThrownBy(() -> ConfigField.string("k").display(Display.TOGGLE).build());
        assertThatIllegalArgumentException().isThrownBy(() -> ConfigField.bool("k").display(Display.NUMERIC).build());
        assertThatIllegalArgumentException().isThrownBy(() -> ConfigField.string("k").display(Display.DROPDOWN).build());
        assertThatIllegalArgumentException().isThrownBy(
                () -> ConfigField.integer("k").options(new Option("x", "not a number")).build());
        assertThatIllegalArgumentException().isThrownBy(() -> ConfigField.string("k").dependsOn("k", "v").build());
    }

    @Test
    void toString_hidesSensitiveDefault() {
        assertThat(ConfigField.string("pw").sensitive().defaultValue("changeme").build().toString())
                .doesNotContain("changeme");
    }

    @Test
    void validation_factories_buildElasticRules() {
        assertThat(Validation.lessThan(10)).isEqualTo(new Validation("less_than", 10));
        assertThat(Validation.greaterThan(0)).isEqualTo(new Validation("greater_than", 0));
        assertThat(Validation.includedIn(List.of("a"))).isEqualTo(new Validation("included_in", List.of("a")));
        assertThat(Validation.regex("x+")).isEqualTo(new Validation("regex", "x+"));
        assertThat(Validation.listType("str")).isEqualTo(new Validation("list_type", "str"));
    }

    @Test
    void validation_rejectsBadRules() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Validation("between", 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new Validation("less_than", "10"));
        assertThatIllegalArgumentException().isThrownBy(() -> new Validation("less_than", Double.NaN));
        assertThatIllegalArgumentException().isThrownBy(() -> Validation.includedIn(List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> Validation.regex("(unclosed"));
        assertThatIllegalArgumentException().isThrownBy(() -> Validation.listType("float"));
    }

    @Test
    void enums_haveElasticWireNames() {
        assertThat(FieldType.STR.wireName()).isEqualTo("str");
        assertThat(FieldType.INT.wireName()).isEqualTo("int");
        assertThat(FieldType.BOOL.wireName()).isEqualTo("bool");
        assertThat(FieldType.LIST.wireName()).isEqualTo("list");
        for (FieldType type : FieldType.values()) {
            assertThat(FieldType.fromWire(type.wireName())).isEqualTo(type);
        }
        assertThat(Display.TEXTAREA.wireName()).isEqualTo("textarea");
        for (Display display : Display.values()) {
            assertThat(Display.fromWire(display.wireName())).isEqualTo(display);
        }
        assertThatIllegalArgumentException().isThrownBy(() -> FieldType.fromWire("float"));
        assertThatIllegalArgumentException().isThrownBy(() -> Display.fromWire("slider"));
    }
}
