package io.connectors.jira.model;

import org.jspecify.annotations.Nullable;

/** A user as Jira embeds it: Cloud identifies by {@code accountId}, Server/Data Center by {@code name}/{@code key}. */
public record User(@Nullable String accountId, @Nullable String name, @Nullable String key,
                   @Nullable String displayName, @Nullable String emailAddress, @Nullable String timeZone) {

    /** The best human name: display name, else user name, else account id. */
    public @Nullable String label() {
        return displayName != null ? displayName : name != null ? name : accountId;
    }

    /** The stable identifier: account id on Cloud, user name or key on Server. */
    public @Nullable String identifier() {
        return accountId != null ? accountId : name != null ? name : key;
    }
}
