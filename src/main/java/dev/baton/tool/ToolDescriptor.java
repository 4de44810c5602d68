package dev.baton.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.flow.ApprovalPolicy;

import java.util.Objects;

/**
 * What a model and a user are told about a tool: built-in and MCP tools look the same here.
 *
 * @param name          the function name the model calls
 * @param description   what the tool does and its limits
 * @param parameters    a JSON Schema object ({@code "type": "object"}, {@code properties}, {@code required}, enums,
 *                      nested objects) for the arguments; copied, so that nobody changes it under a running call
 * @param risk          how much harm a call can do
 * @param defaultPolicy the approval policy when neither flow nor node says otherwise
 * @param server        the MCP server the tool comes from, or "" for a built-in tool
 */
public record ToolDescriptor(String name, String description, ObjectNode parameters, ToolRisk risk,
                             ApprovalPolicy defaultPolicy, String server) {

    public ToolDescriptor {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        parameters = parameters == null ? ToolSchemas.object().build() : parameters.deepCopy();
        risk = risk == null ? ToolRisk.WRITES : risk;
        defaultPolicy = defaultPolicy == null ? risk.defaultPolicy() : defaultPolicy;
        server = server == null ? "" : server;
    }

    /** A built-in tool whose default policy follows from its risk. */
    public static ToolDescriptor builtIn(String name, String description, ObjectNode parameters, ToolRisk risk) {
        return new ToolDescriptor(name, description, parameters, risk, risk.defaultPolicy(), "");
    }

    /** The parameters as a fresh copy (the record's own copy stays untouched). */
    @Override
    public ObjectNode parameters() {
        return parameters.deepCopy();
    }

    /** True when a call can only read. */
    public boolean readOnly() {
        return risk == ToolRisk.READ_ONLY;
    }
}
