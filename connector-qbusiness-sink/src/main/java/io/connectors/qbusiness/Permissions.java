package io.connectors.qbusiness;

import io.connectors.api.ConnectorException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A source's document-level permissions, in Elastic's convention: a document field {@code _allow_permissions}, a list
 * of identities prefixed by their kind ({@code user:}, {@code user_id:}, {@code email:}, {@code account_id:},
 * {@code login_name:}, {@code username:}, {@code name:} for users; {@code group:}, {@code group_id:},
 * {@code group_name:}, {@code role_key:} for groups), as Elastic's sources write them for its document-level
 * security. They become the principals of BatchPutDocument's {@code accessConfiguration}, each with {@code ALLOW}.
 *
 * <p>A value without a known prefix is taken as a user id as it is: if it names nobody, the document is readable by
 * fewer people, never by more. A document whose field is present but yields no principal is refused rather than
 * sent without an access configuration (which Q Business reads as "everyone").
 */
final class Permissions {

    /** Elastic's field for the identities allowed to read a document. */
    static final String FIELD = "_allow_permissions";
    /** PrincipalUser.id and PrincipalGroup.name: 1 to 1,024 characters, no control characters. */
    static final int MAX_PRINCIPAL_LENGTH = 1_024;

    private static final Set<String> USER_PREFIXES = Set.of("user", "user_id", "email", "account_id", "login_name", "username", "name");
    private static final Set<String> GROUP_PREFIXES = Set.of("group", "group_id", "group_name", "role_key");

    private Permissions() {}

    /** A user or group allowed to read the document. */
    record Principal(boolean group, String id) {}

    /**
     * The principals of {@code document}'s {@code _allow_permissions}: empty when the field is absent (the document
     * gets no access configuration). Throws {@link InvalidDocumentException} when the field is present but unusable.
     */
    static List<Principal> of(Map<String, Object> document) {
        if (!document.containsKey(FIELD)) {
            return List.of();
        }
        Object value = document.get(FIELD);
        List<?> values = value instanceof List<?> list ? list : value instanceof String single ? List.of(single) : null;
        if (values == null) {
            throw new InvalidDocumentException(FIELD + " must be a list of strings, got " + (value == null ? "null" : value.getClass().getSimpleName())
                    + "; the document was not sent rather than sent readable by everyone");
        }
        Set<Principal> principals = new LinkedHashSet<>();
        for (Object entry : values) {
            if (!(entry instanceof String text) || text.isBlank()) {
                continue;
            }
            Principal principal = parse(text.strip());
            if (principal.id().length() > MAX_PRINCIPAL_LENGTH || principal.id().codePoints().anyMatch(Character::isISOControl)) {
                throw new InvalidDocumentException(FIELD + " holds an identity Q Business cannot take (over "
                        + MAX_PRINCIPAL_LENGTH + " characters or with control characters); the document was not sent");
            }
            principals.add(principal);
        }
        if (principals.isEmpty()) {
            throw new InvalidDocumentException(FIELD + " is present but names nobody; the document was not sent rather than "
                    + "sent without an access configuration, which Q Business shows to everyone");
        }
        return List.copyOf(principals);
    }

    private static Principal parse(String value) {
        int colon = value.indexOf(':');
        if (colon > 0 && colon < value.length() - 1) {
            String prefix = value.substring(0, colon).toLowerCase(Locale.ROOT);
            String id = value.substring(colon + 1);
            if (USER_PREFIXES.contains(prefix)) {
                return new Principal(false, id);
            }
            if (GROUP_PREFIXES.contains(prefix)) {
                return new Principal(true, id);
            }
        }
        return new Principal(false, value);
    }

    /** For the checksum: the principals in a fixed order, so a reordered list is not a change. */
    static String canonical(List<Principal> principals) {
        List<String> texts = new ArrayList<>();
        principals.forEach(p -> texts.add((p.group() ? "g:" : "u:") + p.id()));
        texts.sort(null);
        return String.join("\n", texts);
    }

    /** A document this sink cannot send as it is: counted as failed with {@link #getMessage()}, the sync goes on. */
    static final class InvalidDocumentException extends ConnectorException {
        InvalidDocumentException(String message) {
            super(message);
        }
    }
}
