package dev.scoring.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Validates Kubernetes resources against the {@code openAPIV3Schema} of an upstream
 * CustomResourceDefinition, the way a strict client-side validator (kubeconform {@code -strict})
 * does rather than the way the API server does: a field the schema does not list is an error, not
 * silently pruned, and {@code null} is only accepted where the schema says {@code nullable}.
 * <p>
 * The OpenAPI v3 subset Kubernetes uses is turned into JSON Schema draft 4: {@code nullable} becomes
 * a {@code "null"} type, {@code x-kubernetes-preserve-unknown-fields} keeps an object open, and the
 * other {@code x-kubernetes-*} markers are dropped.
 */
public final class CrdSchemaValidator {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String apiVersion;
    private final String kind;
    private final JsonSchema schema;

    private CrdSchemaValidator(String apiVersion, String kind, JsonSchema schema) {
        this.apiVersion = apiVersion;
        this.kind = kind;
        this.schema = schema;
    }

    /**
     * @param crdFile a CustomResourceDefinition in YAML
     * @param version the served version to validate against, e.g. {@code v1}
     */
    public static CrdSchemaValidator forCrd(Path crdFile, String version) throws IOException {
        JsonNode crd = YAML.readTree(crdFile.toFile());
        String group = crd.path("spec").path("group").asText();
        String kind = crd.path("spec").path("names").path("kind").asText();
        for (JsonNode v : crd.path("spec").path("versions")) {
            if (version.equals(v.path("name").asText())) {
                JsonNode openApi = v.path("schema").path("openAPIV3Schema");
                if (openApi.isMissingNode()) {
                    break;
                }
                ObjectNode root = openApi.deepCopy();
                // apiVersion, kind and metadata are implicit at the root of every Kubernetes object;
                // some CRDs (KafkaSink) do not list them.
                ObjectNode properties = root.has("properties") ? (ObjectNode) root.get("properties") : root.putObject("properties");
                for (String field : List.of("apiVersion", "kind")) {
                    if (!properties.has(field)) {
                        properties.putObject(field).put("type", "string");
                    }
                }
                if (!properties.has("metadata")) {
                    properties.putObject("metadata").put("type", "object").put("x-kubernetes-preserve-unknown-fields", true);
                }
                JsonNode draft4 = toDraft4(root);
                JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(draft4);
                return new CrdSchemaValidator(group + "/" + version, kind, schema);
            }
        }
        throw new IllegalArgumentException(crdFile + " has no schema for version " + version);
    }

    /** The versions a CRD serves. */
    public static List<String> servedVersions(Path crdFile) throws IOException {
        List<String> versions = new ArrayList<>();
        for (JsonNode v : YAML.readTree(crdFile.toFile()).path("spec").path("versions")) {
            if (v.path("served").asBoolean(true) && v.path("schema").has("openAPIV3Schema")) {
                versions.add(v.path("name").asText());
            }
        }
        return versions;
    }

    /** {@code group/version} of the resources this validator checks. */
    public String apiVersion() {
        return apiVersion;
    }

    public String kind() {
        return kind;
    }

    /** Whether a resource is of this validator's kind and version. */
    public boolean appliesTo(JsonNode resource) {
        return apiVersion.equals(resource.path("apiVersion").asText()) && kind.equals(resource.path("kind").asText());
    }

    /** @return the violations, empty when the resource is valid */
    public List<String> validate(JsonNode resource) {
        Set<ValidationMessage> messages = schema.validate(resource);
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** Reads every document of a multi-document YAML file. */
    public static List<JsonNode> readManifests(Path yamlFile) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(Files.newInputStream(yamlFile))) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    documents.add(doc);
                }
            }
        }
        return documents;
    }

    static JsonNode toDraft4(JsonNode node) {
        if (node.isArray()) {
            for (JsonNode element : node) {
                toDraft4(element);
            }
            return node;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode schema = (ObjectNode) node;
        boolean preserveUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        if (schema.path("nullable").asBoolean(false) && schema.has("type")) {
            ArrayNode types = JsonNodeFactory.instance.arrayNode().add(schema.get("type").asText()).add("null");
            schema.set("type", types);
        }
        if (schema.has("properties") && !schema.has("additionalProperties") && !preserveUnknown) {
            schema.put("additionalProperties", false);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext();) {
            String key = it.next().getKey();
            if (key.startsWith("x-kubernetes-") || key.equals("nullable")) {
                it.remove();
            }
        }
        if (schema.has("properties")) {
            schema.get("properties").forEach(CrdSchemaValidator::toDraft4);
        }
        for (String child : List.of("items", "additionalProperties", "allOf", "anyOf", "oneOf", "not")) {
            if (schema.has(child)) {
                toDraft4(schema.get(child));
            }
        }
        return schema;
    }
}
