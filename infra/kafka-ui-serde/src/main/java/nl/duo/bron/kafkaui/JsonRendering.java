package nl.duo.bron.kafkaui;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * Plain JSON of a decoded Avro value, as the services see it after decoding: a union shows its
 * value without Avro's JSON-encoding wrapper (<code>{"string": "x"}</code>), so an operator reads
 * <code>"regel": 12</code> and not <code>"regel": {"long": 12}</code>. Every union in the schemas
 * is <code>["null", T]</code>, so nothing is lost. Enums are their symbol, bytes and fixed one
 * character per byte (U+0000 to U+00FF) as in Avro's JSON encoding, logical types their
 * underlying value, and NaN or infinities a string (JSON has no such numbers).
 */
final class JsonRendering {

  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonRendering() {}

  static String toJson(Schema schema, Object datum) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      write(json, schema, datum);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void write(JsonGenerator json, Schema schema, Object datum) throws IOException {
    switch (schema.getType()) {
      case RECORD -> {
        IndexedRecord record = (IndexedRecord) datum;
        json.writeStartObject();
        for (Schema.Field field : schema.getFields()) {
          json.writeFieldName(field.name());
          write(json, field.schema(), record.get(field.pos()));
        }
        json.writeEndObject();
      }
      case ARRAY -> {
        json.writeStartArray();
        for (Object item : (Collection<?>) datum) {
          write(json, schema.getElementType(), item);
        }
        json.writeEndArray();
      }
      case MAP -> {
        json.writeStartObject();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) datum).entrySet()) {
          json.writeFieldName(entry.getKey().toString());
          write(json, schema.getValueType(), entry.getValue());
        }
        json.writeEndObject();
      }
      case UNION -> {
        int branch = GenericData.get().resolveUnion(schema, datum);
        write(json, schema.getTypes().get(branch), datum);
      }
      case ENUM, STRING -> json.writeString(datum.toString());
      case BYTES -> {
        ByteBuffer buffer = ((ByteBuffer) datum).duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        json.writeString(new String(bytes, StandardCharsets.ISO_8859_1));
      }
      case FIXED -> json.writeString(new String(((GenericFixed) datum).bytes(), StandardCharsets.ISO_8859_1));
      case INT -> json.writeNumber((Integer) datum);
      case LONG -> json.writeNumber((Long) datum);
      case FLOAT -> writeFloating(json, (Float) datum);
      case DOUBLE -> writeFloating(json, (Double) datum);
      case BOOLEAN -> json.writeBoolean((Boolean) datum);
      case NULL -> json.writeNull();
    }
  }

  private static void writeFloating(JsonGenerator json, double value) throws IOException {
    if (Double.isFinite(value)) {
      json.writeNumber(value);
    } else {
      json.writeString(Double.toString(value));
    }
  }
}
