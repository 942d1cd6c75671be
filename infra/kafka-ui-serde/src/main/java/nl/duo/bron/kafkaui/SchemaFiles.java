package nl.duo.bron.kafkaui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * Loads every {@code .avsc} file under a directory into self-contained Avro schemas, the same way
 * the TypeScript code generator does (libs/contracts/codegen/load-schema-files.ts and
 * resolve-references.ts). A file may use named types defined in other files; Avro has no imports,
 * so the first use of an outside type is replaced by its definition as written in its own file,
 * with its namespace made explicit, and later uses stay references.
 *
 * <p>The result must be the very JSON the services parse: the fingerprint in every message is
 * that of its Parsing Canonical Form, and a schema resolved any other way (Avro's own
 * multi-file parsing, say) could order or nest the definitions differently and so fingerprint
 * differently. The tests check this on messages the TypeScript encoder wrote.
 */
final class SchemaFiles {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> PRIMITIVES =
      Set.of("null", "boolean", "int", "long", "float", "double", "bytes", "string");
  private static final Set<String> NAMED = Set.of("record", "error", "enum", "fixed");

  /** One file's top-level schema, made self-contained and parsed. */
  record Resolved(String file, Schema schema) {}

  private record SchemaFile(String file, JsonNode schema) {}

  private record Definition(String file, JsonNode node) {}

  private interface Visitor {
    JsonNode definition(String fullName, java.util.function.Supplier<JsonNode> walkInside);

    JsonNode reference(String name, String fullName);
  }

  private SchemaFiles() {}

  /**
   * Reads and resolves every {@code .avsc} file under {@code dir}, sorted by path so that the
   * result never depends on the order the file system lists them in.
   *
   * @throws IllegalArgumentException naming the file, for a schema that is not valid JSON, is
   *     unnamed, uses an undefined type, defines a type twice or is not valid Avro
   */
  static List<Resolved> load(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("schema directory " + dir + " does not exist or is not a directory");
    }
    List<SchemaFile> files = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(dir)) {
      List<Path> avsc = paths
          .filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".avsc"))
          .sorted((a, b) -> relative(dir, a).compareTo(relative(dir, b)))
          .toList();
      for (Path path : avsc) {
        String file = relative(dir, path);
        try {
          files.add(new SchemaFile(file, JSON.readTree(Files.readString(path))));
        } catch (IOException e) {
          throw new IllegalArgumentException(file + ": not valid JSON: " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schema directory " + dir, e);
    }
    return resolve(files);
  }

  private static String relative(Path dir, Path path) {
    return dir.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
  }

  private static List<Resolved> resolve(List<SchemaFile> files) {
    Map<String, Definition> definitions = collectDefinitions(files);
    List<Resolved> resolved = new ArrayList<>();
    for (SchemaFile file : files) {
      if (!isNamedDefinition(file.schema())) {
        throw new IllegalArgumentException(file.file() + ": the top-level schema must be a named record, enum or fixed");
      }
      JsonNode expanded = expand(file, definitions);
      try {
        resolved.add(new Resolved(file.file(), new Schema.Parser().parse(JSON.writeValueAsString(expanded))));
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException(file.file() + ": " + e.getMessage(), e);
      }
    }
    return resolved;
  }

  private static Map<String, Definition> collectDefinitions(List<SchemaFile> files) {
    Map<String, Definition> definitions = new HashMap<>();
    for (SchemaFile file : files) {
      walk(file.schema(), "", new Visitor() {
        @Override
        public JsonNode definition(String fullName, java.util.function.Supplier<JsonNode> walkInside) {
          Definition earlier = definitions.get(fullName);
          if (earlier != null) {
            throw new IllegalArgumentException(fullName + " is defined in " + earlier.file() + " and again in "
                + file.file() + "; define it once and refer to it by name");
          }
          JsonNode node = walkInside.get();
          definitions.put(fullName, new Definition(file.file(), node));
          return node;
        }

        @Override
        public JsonNode reference(String name, String fullName) {
          return TextNode.valueOf(name);
        }
      });
    }
    return definitions;
  }

  private static JsonNode expand(SchemaFile file, Map<String, Definition> definitions) {
    Set<String> defined = new HashSet<>();
    Visitor visitor = new Visitor() {
      @Override
      public JsonNode definition(String fullName, java.util.function.Supplier<JsonNode> walkInside) {
        // Only an inlined outside type can bring a second definition (of a type nested in it).
        if (!defined.add(fullName)) {
          return TextNode.valueOf(fullName);
        }
        return walkInside.get();
      }

      @Override
      public JsonNode reference(String name, String fullName) {
        if (defined.contains(fullName)) {
          return TextNode.valueOf(name);
        }
        Definition definition = definitions.get(fullName);
        if (definition == null) {
          throw new IllegalArgumentException(file.file() + ": type \"" + name + "\" (" + fullName
              + ") is not defined in this file nor in any other schema file");
        }
        return walk(withExplicitNamespace(definition.node(), fullName), "", this);
      }
    };
    return walk(file.schema(), "", visitor);
  }

  private static JsonNode walk(JsonNode node, String namespace, Visitor visitor) {
    if (node.isTextual()) {
      String name = node.asText();
      return PRIMITIVES.contains(name) ? node : visitor.reference(name, qualify(name, namespace));
    }
    if (node.isArray()) {
      ArrayNode branches = JSON.createArrayNode();
      node.forEach(branch -> branches.add(walk(branch, namespace, visitor)));
      return branches;
    }
    if (!node.isObject()) {
      return node;
    }
    if (isNamedDefinition(node)) {
      String own = node.path("namespace").isTextual() ? node.get("namespace").asText() : namespace;
      String fullName = qualify(node.get("name").asText(), own);
      String inner = namespaceOf(fullName);
      return visitor.definition(fullName, () -> {
        if (!node.path("fields").isArray()) {
          return node;
        }
        ObjectNode copy = node.deepCopy();
        ArrayNode fields = JSON.createArrayNode();
        for (JsonNode field : node.get("fields")) {
          ObjectNode walked = field.deepCopy();
          if (field.has("type")) {
            walked.set("type", walk(field.get("type"), inner, visitor));
          }
          fields.add(walked);
        }
        copy.set("fields", fields);
        return copy;
      });
    }
    String type = node.path("type").asText("");
    if (type.equals("array") && node.has("items")) {
      return ((ObjectNode) node.deepCopy()).set("items", walk(node.get("items"), namespace, visitor));
    }
    if (type.equals("map") && node.has("values")) {
      return ((ObjectNode) node.deepCopy()).set("values", walk(node.get("values"), namespace, visitor));
    }
    return node;
  }

  /** Moved into another file's schema, a definition must carry its own namespace with it. */
  private static JsonNode withExplicitNamespace(JsonNode node, String fullName) {
    String namespace = namespaceOf(fullName);
    if (node.get("name").asText().contains(".") || namespace.isEmpty()) {
      return node;
    }
    // Appended last, as the TypeScript `{ ...node, namespace }` does (unless the key exists).
    ObjectNode copy = node.deepCopy();
    copy.put("namespace", namespace);
    return copy;
  }

  private static boolean isNamedDefinition(JsonNode node) {
    return node.isObject() && node.path("type").isTextual() && NAMED.contains(node.get("type").asText())
        && node.path("name").isTextual();
  }

  private static String qualify(String name, String namespace) {
    return name.contains(".") || namespace.isEmpty() ? name : namespace + "." + name;
  }

  private static String namespaceOf(String fullName) {
    return fullName.substring(0, Math.max(fullName.lastIndexOf('.'), 0));
  }
}
