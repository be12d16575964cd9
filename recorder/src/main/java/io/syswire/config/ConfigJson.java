package io.syswire.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syswire.BadInputException;
import io.syswire.kernel.SyscallTable;
import io.syswire.output.Json;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A configuration as stored with its run ({@code runs.config}): the task string's keys
 * plus the scope. A replay starts from its parent's stored configuration.
 */
public final class ConfigJson {
    private ConfigJson() {
    }

    public static String of(Config c, SyscallTable table) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        for (Map.Entry<Setting, String> e : c.toSettings(table).entrySet()) {
            if (e.getKey() == Setting.MAXTRACE) {
                o.put(e.getKey().key(), c.maxTrace());
            } else {
                o.put(e.getKey().key(), e.getValue());
            }
        }
        if (!c.scope().conditions().isEmpty()) {
            o.put("scope", c.scope().toString());
        }
        return o.toString();
    }

    public static Settings settings(String json) {
        try {
            JsonNode n = Json.MAPPER.readTree(json);
            Settings s = Settings.none();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("scope")) {
                    s = s.withScope(List.of(e.getValue().asText()));
                } else {
                    s = s.with(Setting.byKey(e.getKey()), e.getValue().asText());
                }
            }
            return s;
        } catch (IOException | RuntimeException e) {
            throw new BadInputException("stored run configuration is unreadable: " + e.getMessage());
        }
    }
}
