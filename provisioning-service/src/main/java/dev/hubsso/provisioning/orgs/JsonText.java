package dev.hubsso.provisioning.orgs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.hubsso.events.EventCodec;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON values in text columns. Entities replace these values rather than mutate them, so that
 * dirty checking sees every change.
 */
public final class JsonText {

    private JsonText() {
    }

    static String write(Object value) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static <T> T read(String json, TypeReference<T> type) {
        try {
            return EventCodec.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON column: " + e.getOriginalMessage(), e);
        }
    }

    /** Role mapping rules. */
    @Converter
    public static class Rules implements AttributeConverter<List<RoleRuleJson>, String> {
        @Override
        public String convertToDatabaseColumn(List<RoleRuleJson> v) {
            return write(v == null ? List.of() : v);
        }

        @Override
        public List<RoleRuleJson> convertToEntityAttribute(String s) {
            return s == null || s.isEmpty() ? List.of() : List.copyOf(read(s, new TypeReference<List<RoleRuleJson>>() {
            }));
        }
    }

    /** Resource group links. */
    @Converter
    public static class Links implements AttributeConverter<List<GroupLinkJson>, String> {
        @Override
        public String convertToDatabaseColumn(List<GroupLinkJson> v) {
            return write(v == null ? List.of() : v);
        }

        @Override
        public List<GroupLinkJson> convertToEntityAttribute(String s) {
            return s == null || s.isEmpty() ? List.of() : List.copyOf(read(s, new TypeReference<List<GroupLinkJson>>() {
            }));
        }
    }

    /** String to string maps (claim paths, resource group roles), sorted by key. */
    @Converter
    public static class StringMap implements AttributeConverter<Map<String, String>, String> {
        @Override
        public String convertToDatabaseColumn(Map<String, String> v) {
            return write(v == null ? Map.of() : new TreeMap<>(v));
        }

        @Override
        public Map<String, String> convertToEntityAttribute(String s) {
            return s == null || s.isEmpty() ? Map.of() : Map.copyOf(read(s, new TypeReference<Map<String, String>>() {
            }));
        }
    }

    /** Free-form JSON objects (the claims of a login). */
    @Converter
    public static class ObjectMap implements AttributeConverter<Map<String, Object>, String> {
        @Override
        public String convertToDatabaseColumn(Map<String, Object> v) {
            return v == null ? null : write(v);
        }

        @Override
        public Map<String, Object> convertToEntityAttribute(String s) {
            return s == null || s.isEmpty() ? null : read(s, new TypeReference<Map<String, Object>>() {
            });
        }
    }
}
