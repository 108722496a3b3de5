package io.connectors.api.http;


import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link SourceHttpClient} authenticates. The {@code toString()} of every kind hides the secret, so settings
 * can be logged.
 */
public sealed interface HttpAuth {

    /** The value of the {@code Authorization} header, or null to send none. */
    @Nullable String headerValue();

    static HttpAuth none() {
        return None.INSTANCE;
    }

    /** HTTP Basic: Jira Cloud (email + API token), Jira Server and Data Center (username + password). */
    static HttpAuth basic(String username, String password) {
        return new Basic(username, password);
    }

    /** A bearer token: Jira Data Center personal access tokens, OAuth access tokens. */
    static HttpAuth bearer(String token) {
        return new Bearer(token);
    }

    /** No {@code Authorization} header. */
    enum None implements HttpAuth {
        INSTANCE;

        @Override
        public @Nullable String headerValue() {
            return null;
        }
    }

    /** {@code Authorization: Basic base64(username:password)}. */
    record Basic(String username, String password) implements HttpAuth {
        public Basic {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String headerValue() {
            return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "Basic[username=" + username + ", password=********]";
        }
    }

    /** {@code Authorization: Bearer <token>}. */
    record Bearer(String token) implements HttpAuth {
        public Bearer {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String headerValue() {
            return "Bearer " + token;
        }

        @Override
        public String toString() {
            return "Bearer[********]";
        }
    }
}
