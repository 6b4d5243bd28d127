package dev.hubsso.scim.users;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubsso.events.ScimUserChanged.ScimUserSnapshot;
import dev.hubsso.scim.users.model.Profile;
import dev.hubsso.scim.users.model.ScimUser;
import dev.hubsso.scim.users.model.ScimUser.Email;
import java.util.ArrayList;
import java.util.List;

/** Converts between the row, the domain values and the event snapshot. */
final class UserMapping {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private UserMapping() {
    }

    static StoredUser toStored(UserEntity e) {
        ScimUser user = new ScimUser(e.userName, e.externalId, e.givenName, e.familyName, e.formattedName,
                e.displayName, readEmails(e.emails), e.active, new ScimUser.Enterprise(e.employeeNumber, e.costCenter,
                        e.organization, e.division, e.department, e.managerId), Profile.parse(e.profile));
        return new StoredUser(e.id, user, e.hubUsername, e.version, e.created, e.lastModified);
    }

    /** Copies the writable attributes and the derived username onto the row. */
    static void write(UserEntity e, ScimUser u, String hubUsername) {
        e.userName = u.userName();
        e.hubUsername = hubUsername;
        e.externalId = u.externalId();
        e.givenName = u.givenName();
        e.familyName = u.familyName();
        e.formattedName = u.formattedName();
        e.displayName = u.displayName();
        e.email = u.hubEmail();
        e.emails = writeEmails(u.emails());
        e.active = u.active();
        e.employeeNumber = u.enterprise().employeeNumber();
        e.costCenter = u.enterprise().costCenter();
        e.organization = u.enterprise().organization();
        e.division = u.enterprise().division();
        e.department = u.enterprise().department();
        e.managerId = u.enterprise().managerId();
        e.profile = u.profile().toStored();
    }

    /** The event snapshot: every stored attribute; {@code enterprise} null when the user has none of them. */
    static ScimUserSnapshot snapshot(StoredUser s) {
        ScimUser u = s.user();
        List<ScimUserSnapshot.Email> emails = u.emails().stream()
                .map(e -> new ScimUserSnapshot.Email(e.value(), e.type(), e.primary())).toList();
        ScimUser.Enterprise x = u.enterprise();
        ScimUserSnapshot.Enterprise enterprise = x.isEmpty() ? null : new ScimUserSnapshot.Enterprise(
                x.employeeNumber(), x.costCenter(), x.organization(), x.division(), x.department(), x.managerId());
        return new ScimUserSnapshot(u.userName(), u.externalId(), u.givenName(), u.familyName(), u.displayName(),
                u.hubEmail(), u.active(), s.hubUsername(), u.formattedName(), emails, enterprise);
    }

    static String writeEmails(List<Email> emails) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Email e : emails) {
            ObjectNode n = array.addObject();
            n.put("value", e.value());
            if (e.type() != null) {
                n.put("type", e.type());
            }
            n.put("primary", e.primary());
        }
        return array.toString();
    }

    static List<Email> readEmails(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            List<Email> emails = new ArrayList<>();
            for (var n : JSON.readTree(json)) {
                emails.add(new Email(n.path("value").asText(), n.hasNonNull("type") ? n.get("type").asText() : null,
                        n.path("primary").asBoolean(false)));
            }
            return emails;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt emails column", e);
        }
    }
}
