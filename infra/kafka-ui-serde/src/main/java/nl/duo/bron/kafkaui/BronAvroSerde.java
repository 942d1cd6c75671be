package nl.duo.bron.kafkaui;

import io.kafbat.ui.serde.api.DeserializeResult;
import io.kafbat.ui.serde.api.PropertyResolver;
import io.kafbat.ui.serde.api.RecordHeader;
import io.kafbat.ui.serde.api.RecordHeaders;
import io.kafbat.ui.serde.api.SchemaDescription;
import io.kafbat.ui.serde.api.Serde;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.DatumReader;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;

/**
 * Kafka UI (kafbat) serde for the platform's messages: Avro single-object encoding (marker
 * {@code C3 01}, the writer schema's 8-byte little-endian CRC-64-AVRO fingerprint, the Avro
 * binary body) with the schemas of the repo's {@code schemas/} directory, shown as JSON.
 *
 * <p>Property {@code schemasDir}: the directory to load every {@code .avsc} file from, once, at
 * configure time. Values are decoded with the schema the fingerprint names (reader = writer), so
 * the UI shows exactly what was written. Keys are UTF-8 strings. Producing from the UI is not
 * supported: the services validate values before they write them, and a hand-typed message that
 * skipped that check is not something an operator tool should put on a topic.
 *
 * <p>A message it cannot decode (no marker, unknown fingerprint, a body that does not fit the
 * schema) is shown as text that says why, with its bytes in hex, and never throws: kafbat would
 * otherwise show the raw bytes and log the reason only at TRACE level.
 */
public final class BronAvroSerde implements Serde {

  /** The serde property naming the schema directory. */
  public static final String SCHEMAS_DIR_PROPERTY = "schemasDir";

  /** The header the services set to the full name of the event's schema. */
  static final String EVENT_TYPE_HEADER = "event-type";

  private static final int HEADER_LENGTH = 10;
  private static final int MAX_HEX_BYTES = 2048;

  /**
   * Generic data whose maps keep the order they were written in (Avro's own reader puts them in a
   * HashMap), so that the UI shows a map's entries as the service wrote them.
   */
  private static final GenericData IN_WRITTEN_ORDER = new GenericData() {
    @Override
    public DatumReader createDatumReader(Schema writer, Schema reader) {
      return new GenericDatumReader<>(writer, reader, this) {
        @Override
        protected Object newMap(Object old, int size) {
          return new LinkedHashMap<>(Math.max(size, 16));
        }
      };
    }
  };

  private final Map<Long, Known> byFingerprint = new HashMap<>();
  private Path schemasDir;

  /** A schema with its own decoder; the decoder's store knows every schema, for its header check. */
  private record Known(Schema schema, String fingerprintHex, BinaryMessageDecoder<GenericRecord> decoder) {}

  @Override
  public void configure(PropertyResolver serdeProperties, PropertyResolver clusterProperties,
                        PropertyResolver appProperties) {
    String dir = serdeProperties.getProperty(SCHEMAS_DIR_PROPERTY, String.class)
        .filter(value -> !value.isBlank())
        .orElseThrow(() -> new IllegalArgumentException(
            "serde property " + SCHEMAS_DIR_PROPERTY + " (the directory of the .avsc files) is not set"));
    load(Path.of(dir));
  }

  private void load(Path dir) {
    List<SchemaFiles.Resolved> resolved = SchemaFiles.load(dir);
    SchemaStore.Cache store = new SchemaStore.Cache();
    resolved.forEach(file -> store.addSchema(file.schema()));
    Map<Long, Known> loaded = new HashMap<>();
    for (SchemaFiles.Resolved file : resolved) {
      Schema schema = file.schema();
      long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
      Known earlier = loaded.get(fingerprint);
      if (earlier != null) {
        throw new IllegalArgumentException(file.file() + ": same fingerprint as " + earlier.schema().getFullName()
            + "; two files define the same schema");
      }
      loaded.put(fingerprint, new Known(schema, fingerprintHex(fingerprint),
          new BinaryMessageDecoder<>(IN_WRITTEN_ORDER, schema, store)));
    }
    byFingerprint.clear();
    byFingerprint.putAll(loaded);
    schemasDir = dir;
  }

  @Override
  public Optional<String> getDescription() {
    return Optional.of("Avro single-object encoding with the " + byFingerprint.size() + " schemas of "
        + schemasDir + ", shown as JSON. Read only.");
  }

  /** No schema per topic: a topic may carry several event types, told apart only by fingerprint. */
  @Override
  public Optional<SchemaDescription> getSchema(String topic, Target type) {
    return Optional.empty();
  }

  @Override
  public boolean canDeserialize(String topic, Target type) {
    return true;
  }

  @Override
  public boolean canSerialize(String topic, Target type) {
    return false;
  }

  @Override
  public Serializer serializer(String topic, Target type) {
    throw new UnsupportedOperationException(
        "producing from Kafka UI is not supported: the services validate and encode every message");
  }

  @Override
  public Deserializer deserializer(String topic, Target type) {
    return type == Target.KEY ? BronAvroSerde::deserializeKey : this::deserializeValue;
  }

  private static DeserializeResult deserializeKey(RecordHeaders headers, byte[] data) {
    return new DeserializeResult(data == null ? null : new String(data, StandardCharsets.UTF_8),
        DeserializeResult.Type.STRING, Map.of());
  }

  DeserializeResult deserializeValue(RecordHeaders headers, byte[] data) {
    if (data == null) {
      return new DeserializeResult(null, DeserializeResult.Type.STRING, Map.of());
    }
    String headerProblem = headerProblem(data);
    if (headerProblem != null) {
      return notDecoded(data, headerProblem, Map.of());
    }
    long fingerprint = ByteBuffer.wrap(data, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    Known known = byFingerprint.get(fingerprint);
    if (known == null) {
      return notDecoded(data, "unknown schema fingerprint " + fingerprintHex(fingerprint) + ": none of the "
          + byFingerprint.size() + " schemas in " + schemasDir
          + " has it (a message of an older or newer schema version, or of another system?)",
          Map.of("fingerprint", fingerprintHex(fingerprint)));
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("schema", known.schema().getFullName());
    properties.put("fingerprint", known.fingerprintHex());
    GenericRecord value;
    try {
      value = known.decoder().decode(data);
    } catch (IOException | RuntimeException e) {
      return notDecoded(data, "the body does not fit schema " + known.schema().getFullName() + " ("
          + known.fingerprintHex() + "): " + e, properties);
    }
    int trailing = data.length - encodedLength(known.schema(), value);
    if (trailing != 0) {
      // The services' decoder (avsc) rejects such a message; say so rather than hide it.
      properties.put("warning", "the message has " + trailing + " bytes after the Avro body;"
          + " the services would not accept it");
    }
    String eventType = eventType(headers);
    if (eventType != null && !eventType.equals(known.schema().getFullName())) {
      properties.put("eventTypeWarning", "header " + EVENT_TYPE_HEADER + " says " + eventType
          + ", but the fingerprint is that of " + known.schema().getFullName());
    }
    return new DeserializeResult(JsonRendering.toJson(known.schema(), value), DeserializeResult.Type.JSON, properties);
  }

  private static String headerProblem(byte[] data) {
    if (data.length < HEADER_LENGTH) {
      return "message is " + data.length + " bytes long; an Avro single-object encoded message has at least "
          + HEADER_LENGTH + " (marker c3 01 and an 8-byte schema fingerprint)";
    }
    if ((data[0] & 0xff) != 0xc3 || (data[1] & 0xff) != 0x01) {
      return String.format("message starts with %02x %02x, not with the Avro single-object marker c3 01%s",
          data[0] & 0xff, data[1] & 0xff, data[0] == '{' ? " (it looks like JSON)" : "");
    }
    return null;
  }

  private static int encodedLength(Schema schema, GenericRecord value) {
    try {
      return new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(value).remaining();
    } catch (IOException e) {
      return -1;
    }
  }

  private static String eventType(RecordHeaders headers) {
    if (headers == null) {
      return null;
    }
    String found = null;
    for (RecordHeader header : headers) {
      if (EVENT_TYPE_HEADER.equals(header.key()) && header.value() != null) {
        found = new String(header.value(), StandardCharsets.UTF_8);
      }
    }
    return found;
  }

  private static DeserializeResult notDecoded(byte[] data, String reason, Map<String, Object> known) {
    Map<String, Object> properties = new LinkedHashMap<>(known);
    properties.put("error", reason);
    return new DeserializeResult("[not decoded: " + reason + "] " + hex(data), DeserializeResult.Type.STRING,
        properties);
  }

  private static String hex(byte[] data) {
    StringBuilder out = new StringBuilder();
    int shown = Math.min(data.length, MAX_HEX_BYTES);
    for (int i = 0; i < shown; i++) {
      out.append(String.format("%02x", data[i] & 0xff));
    }
    if (shown < data.length) {
      out.append("... (").append(data.length).append(" bytes)");
    }
    return out.toString();
  }

  /** Hex of the fingerprint's 8 bytes in wire (little-endian) order, as the services print it. */
  static String fingerprintHex(long fingerprint) {
    byte[] bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(fingerprint).array();
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      out.append(String.format("%02x", b & 0xff));
    }
    return out.toString();
  }
}
