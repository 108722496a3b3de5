package io.connectors.qbusiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PermissionsTest {

    private static Map<String, Object> withPermissions(Object permissions) {
        Map<String, Object> document = new HashMap<>();
        document.put("id", "doc-1");
        document.put("title", "Payroll");
        document.put("body", "salaries");
        document.put(Permissions.FIELD, permissions);
        return document;
    }

    @Test
    void of_elasticPrefixes_becomeUsersAndGroups() {
        List<Permissions.Principal> principals = Permissions.of(withPermissions(List.of("email:ana@example.com", "user_id:u-7",
                "account_id:5b10a", "group:finance", "group_id:g-1", "role_key:admins", "plain-user")));

        assertThat(principals).containsExactly(
                new Permissions.Principal(false, "ana@example.com"), new Permissions.Principal(false, "u-7"),
                new Permissions.Principal(false, "5b10a"), new Permissions.Principal(true, "finance"),
                new Permissions.Principal(true, "g-1"), new Permissions.Principal(true, "admins"),
                new Permissions.Principal(false, "plain-user"));
    }

    @Test
    void of_noField_isNoPrincipals_andTheDocumentHasNoAccessConfiguration() {
        Map<String, Object> document = withPermissions(List.of());
        document.remove(Permissions.FIELD);

        assertThat(Permissions.of(document)).isEmpty();
        assertThat(DocumentMapper.map(document, "doc-1").allowed()).isEmpty();
    }

    @Test
    void of_fieldPresentButNamingNobody_refusesTheDocumentRatherThanSendingItToEveryone() {
        assertThatThrownBy(() -> Permissions.of(withPermissions(List.of())))
                .isInstanceOf(Permissions.InvalidDocumentException.class).hasMessageContaining("names nobody");
        assertThatThrownBy(() -> Permissions.of(withPermissions(List.of(" ", 42))))
                .isInstanceOf(Permissions.InvalidDocumentException.class);
        assertThatThrownBy(() -> Permissions.of(withPermissions(null)))
                .isInstanceOf(Permissions.InvalidDocumentException.class).hasMessageContaining("list of strings");
        assertThatThrownBy(() -> DocumentMapper.map(withPermissions(Map.of("user", "x")), "doc-1"))
                .isInstanceOf(Permissions.InvalidDocumentException.class);
    }

    @Test
    void of_identityOverTheLimitOrWithControlCharacters_isRefused() {
        assertThatThrownBy(() -> Permissions.of(withPermissions(List.of("user:" + "a".repeat(1_025)))))
                .isInstanceOf(Permissions.InvalidDocumentException.class).hasMessageContaining("1024");
        assertThatThrownBy(() -> Permissions.of(withPermissions(List.of("group:fin\u0007ance"))))
                .isInstanceOf(Permissions.InvalidDocumentException.class);
        assertThat(Permissions.of(withPermissions(List.of("user:" + "a".repeat(1_024))))).hasSize(1);
    }

    @Test
    void checksum_changesWithPermissions_butNotWithTheirOrder() {
        String first = DocumentMapper.map(withPermissions(List.of("group:finance", "user:ana")), "doc-1").checksum();
        String reordered = DocumentMapper.map(withPermissions(List.of("user:ana", "group:finance")), "doc-1").checksum();
        String narrowed = DocumentMapper.map(withPermissions(List.of("group:finance")), "doc-1").checksum();
        Map<String, Object> open = withPermissions(List.of());
        open.remove(Permissions.FIELD);

        assertThat(reordered).isEqualTo(first);
        assertThat(narrowed).isNotEqualTo(first);
        assertThat(DocumentMapper.map(open, "doc-1").checksum()).isNotEqualTo(first);
    }
}
