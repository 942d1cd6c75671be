package nl.duo.bron.kafkaui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafbat.ui.serde.api.DeserializeResult;
import io.kafbat.ui.serde.api.PropertyResolver;
import io.kafbat.ui.serde.api.RecordHeader;
import io.kafbat.ui.serde.api.RecordHeaders;
import io.kafbat.ui.serde.api.Serde;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decodes messages that the services' own TypeScript encoder wrote (fixtures/, made by
 * fixtures/maak-fixtures.ts) with the repo's real schemas/, as Kafka UI would.
 */
class BronAvroSerdeTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SCHEMAS = Path.of(System.getProperty("bron.schemas", "../../schemas"));
  private static final Path FIXTURES = Path.of(System.getProperty("bron.fixtures", "fixtures"));
  private static final Path CODEGEN_SCHEMAS =
      Path.of(System.getProperty("bron.codegenSchemas", "../../libs/contracts/src/avro/__fixtures__/codegen"));
  private static final String TOPIC = "instelling.25LP.terugkoppeling.v1";

  private static BronAvroSerde serde;

  @BeforeAll
  static void configure() {
    serde = configured(SCHEMAS);
  }

  static Stream<String> fixtures() throws IOException {
    try (Stream<Path> files = Files.list(FIXTURES.resolve("schemas"))) {
      List<String> names = files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".bin"))
          .map(n -> n.substring(0, n.length() - 4))
          .sorted()
          .toList();
      assertTrue(names.size() >= 5, "expected the fixtures of several schemas in " + FIXTURES);
      return names.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void decodesWhatTheServicesWrote(String name) throws IOException {
    assertDecodesFixture(serde, FIXTURES.resolve("schemas"), name);
  }

  @Test
  void resolvesNamedTypesDefinedInOtherFilesAsTheCodeGeneratorDoes() throws IOException {
    // Same fingerprint as the TypeScript resolution only if the inlined JSON is the same.
    assertDecodesFixture(configured(CODEGEN_SCHEMAS), FIXTURES.resolve("verwijzingen"), "inschrijving-geregistreerd");
  }

  @Test
  void showsAMapInTheOrderItWasWritten() throws IOException {
    JsonNode value = JSON.readTree(value(fixture("terugkoppeling")).getResult());
    List<String> keys = new java.util.ArrayList<>();
    value.get("codes").get(0).get("parameters").fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("veld", "waarde"), keys);
  }

  @Test
  void loadsEverySchemaFile() throws IOException {
    long files;
    try (Stream<Path> paths = Files.walk(SCHEMAS)) {
      files = paths.filter(p -> p.toString().endsWith(".avsc")).count();
    }
    assertTrue(serde.getDescription().orElseThrow().contains("the " + files + " schemas of"),
        serde.getDescription().orElseThrow());
  }

  @Test
  void showsAnUnknownFingerprintAsTextThatSaysWhy() throws IOException {
    byte[] message = fixture("terugkoppeling");
    for (int i = 2; i < 10; i++) {
      message[i] = (byte) (0x10 + i);
    }
    DeserializeResult result = value(message);
    assertEquals(DeserializeResult.Type.STRING, result.getType());
    assertTrue(result.getResult().startsWith("[not decoded: unknown schema fingerprint 1213141516171819: none of the "),
        result.getResult());
    assertTrue(result.getResult().contains("] c3011213141516171819"), result.getResult());
    assertEquals("1213141516171819", result.getAdditionalProperties().get("fingerprint"));
    assertTrue(result.getAdditionalProperties().get("error").toString().contains("unknown schema fingerprint"));
  }

  @Test
  void showsGarbageAsTextThatSaysWhy() {
    assertNotDecoded(new byte[0], "message is 0 bytes long");
    assertNotDecoded(new byte[] {(byte) 0xc3, 0x01, 1, 2}, "message is 4 bytes long");
    assertNotDecoded("{\"batchId\":\"b-1\",\"regel\":3}".getBytes(StandardCharsets.UTF_8),
        "message starts with 7b 22, not with the Avro single-object marker c3 01 (it looks like JSON)");
    byte[] random = new byte[64];
    new java.util.Random(42).nextBytes(random);
    random[0] = 0x00;
    assertNotDecoded(random, "message starts with 00 ");
  }

  @Test
  void showsABodyThatDoesNotFitItsSchemaAsTextThatSaysWhy() throws IOException {
    byte[] message = fixture("basisset-berekend");
    DeserializeResult result = value(Arrays.copyOf(message, 40));
    assertEquals(DeserializeResult.Type.STRING, result.getType());
    assertTrue(result.getResult().startsWith("[not decoded: the body does not fit schema "
        + "nl.duo.bron.bekostiging.BasissetBerekend"), result.getResult());
    assertEquals("nl.duo.bron.bekostiging.BasissetBerekend", result.getAdditionalProperties().get("schema"));
  }

  @Test
  void warnsAboutBytesAfterTheBody() throws IOException {
    byte[] message = fixture("foto-aangevraagd");
    DeserializeResult result = value(Arrays.copyOf(message, message.length + 3));
    assertEquals(DeserializeResult.Type.JSON, result.getType());
    assertEquals("the message has 3 bytes after the Avro body; the services would not accept it",
        result.getAdditionalProperties().get("warning"));
  }

  @Test
  void warnsWhenTheEventTypeHeaderNamesAnotherSchema() throws IOException {
    DeserializeResult agrees = serde.deserializer(TOPIC, Serde.Target.VALUE)
        .deserialize(headers(Map.of("event-type", "nl.duo.bron.foto.FotoAangevraagd")), fixture("foto-aangevraagd"));
    assertFalse(agrees.getAdditionalProperties().containsKey("eventTypeWarning"));
    DeserializeResult differs = serde.deserializer(TOPIC, Serde.Target.VALUE)
        .deserialize(headers(Map.of("event-type", "nl.duo.bron.foto.FotoGemaakt")), fixture("foto-aangevraagd"));
    assertEquals(DeserializeResult.Type.JSON, differs.getType());
    assertEquals("header event-type says nl.duo.bron.foto.FotoGemaakt, but the fingerprint is that of "
        + "nl.duo.bron.foto.FotoAangevraagd", differs.getAdditionalProperties().get("eventTypeWarning"));
  }

  @Test
  void showsATombstoneAsNoValue() {
    DeserializeResult result = value(null);
    assertNull(result.getResult());
  }

  @Test
  void showsKeysAsUtf8Strings() {
    DeserializeResult key = serde.deserializer(TOPIC, Serde.Target.KEY)
        .deserialize(headers(Map.of()), "123456782-é".getBytes(StandardCharsets.UTF_8));
    assertEquals(new DeserializeResult("123456782-é", DeserializeResult.Type.STRING, Map.of()), key);
  }

  @Test
  void readsEveryTopicAndWritesNone() {
    for (String topic : List.of(TOPIC, "aanlevering.public.studentfeit.v1", "instelling.25LP.aanlevering.v1.dlq")) {
      for (Serde.Target target : Serde.Target.values()) {
        assertTrue(serde.canDeserialize(topic, target));
        assertFalse(serde.canSerialize(topic, target));
        assertEquals(Optional.empty(), serde.getSchema(topic, target));
      }
    }
    assertThrows(UnsupportedOperationException.class, () -> serde.serializer(TOPIC, Serde.Target.VALUE));
  }

  @Test
  void refusesAConfigurationWithoutASchemaDirectory(@TempDir Path tmp) {
    IllegalArgumentException unset = assertThrows(IllegalArgumentException.class,
        () -> new BronAvroSerde().configure(properties(Map.of()), properties(Map.of()), properties(Map.of())));
    assertTrue(unset.getMessage().contains("schemasDir"), unset.getMessage());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> configured(tmp.resolve("bestaat-niet")));
    assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
  }

  @Test
  void namesTheFileOfAnUndefinedOrTwiceDefinedType(@TempDir Path tmp) throws IOException {
    Files.createDirectories(tmp.resolve("a"));
    Files.writeString(tmp.resolve("a/A.avsc"),
        "{\"type\":\"record\",\"name\":\"A\",\"namespace\":\"x\",\"fields\":[{\"name\":\"b\",\"type\":\"y.B\"}]}");
    IllegalArgumentException undefined = assertThrows(IllegalArgumentException.class, () -> configured(tmp));
    assertEquals("a/A.avsc: type \"y.B\" (y.B) is not defined in this file nor in any other schema file",
        undefined.getMessage());

    Files.writeString(tmp.resolve("B.avsc"), "{\"type\":\"enum\",\"name\":\"B\",\"namespace\":\"y\",\"symbols\":[\"J\"]}");
    Files.writeString(tmp.resolve("C.avsc"), "{\"type\":\"enum\",\"name\":\"y.B\",\"symbols\":[\"K\"]}");
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> configured(tmp));
    assertEquals("y.B is defined in B.avsc and again in C.avsc; define it once and refer to it by name",
        twice.getMessage());
  }

  // ---------------------------------------------------------------------------------------------

  private static void assertDecodesFixture(BronAvroSerde serde, Path dir, String name) throws IOException {
    JsonNode expected = JSON.readTree(dir.resolve(name + ".json").toFile());
    byte[] message = Files.readAllBytes(dir.resolve(name + ".bin"));
    DeserializeResult result = serde.deserializer(TOPIC, Serde.Target.VALUE).deserialize(headers(Map.of()), message);
    assertEquals(DeserializeResult.Type.JSON, result.getType(), () -> name + ": " + result.getResult()
        + "\n(after a change to schemas/, run: npx ts-node infra/kafka-ui-serde/fixtures/maak-fixtures.ts)");
    assertEquals(expected.get("schema").asText(), result.getAdditionalProperties().get("schema"));
    assertEquals(expected.get("fingerprint").asText(), result.getAdditionalProperties().get("fingerprint"));
    JsonNode actual = JSON.readTree(result.getResult());
    assertTrue(expected.get("value").equals(SAME_NUMBER, actual),
        () -> name + ": expected\n" + expected.get("value").toPrettyString() + "\nbut was\n" + actual.toPrettyString());
    assertFalse(result.getAdditionalProperties().containsKey("warning"), () -> result.getAdditionalProperties().toString());
  }

  /** JavaScript writes the double 1.0 as 1, Java as 1.0: equal numbers are equal. */
  private static final Comparator<JsonNode> SAME_NUMBER = (a, b) -> {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    return a.equals(b) ? 0 : 1;
  };

  private static void assertNotDecoded(byte[] message, String reason) {
    DeserializeResult result = value(message);
    assertEquals(DeserializeResult.Type.STRING, result.getType());
    assertTrue(result.getResult().startsWith("[not decoded: " + reason), result.getResult());
    assertTrue(result.getAdditionalProperties().get("error").toString().startsWith(reason));
  }

  private static DeserializeResult value(byte[] message) {
    return serde.deserializer(TOPIC, Serde.Target.VALUE).deserialize(headers(Map.of()), message);
  }

  private static byte[] fixture(String name) throws IOException {
    byte[] bytes = Files.readAllBytes(FIXTURES.resolve("schemas").resolve(name + ".bin"));
    assertArrayEquals(new byte[] {(byte) 0xc3, 0x01}, Arrays.copyOf(bytes, 2));
    return bytes;
  }

  private static BronAvroSerde configured(Path schemas) {
    BronAvroSerde configured = new BronAvroSerde();
    configured.configure(properties(Map.of(BronAvroSerde.SCHEMAS_DIR_PROPERTY, schemas.toString())),
        properties(Map.of()), properties(Map.of()));
    return configured;
  }

  private static RecordHeaders headers(Map<String, String> values) {
    List<RecordHeader> list = values.entrySet().stream().<RecordHeader>map(e -> new RecordHeader() {
      @Override
      public String key() {
        return e.getKey();
      }

      @Override
      public byte[] value() {
        return e.getValue().getBytes(StandardCharsets.UTF_8);
      }
    }).toList();
    return new RecordHeaders() {
      @Override
      public Iterator<RecordHeader> iterator() {
        return list.iterator();
      }
    };
  }

  /** The part of kafbat's property resolver the serde uses. */
  private static PropertyResolver properties(Map<String, String> values) {
    return new PropertyResolver() {
      @Override
      @SuppressWarnings("unchecked")
      public <T> Optional<T> getProperty(String key, Class<T> targetType) {
        return Optional.ofNullable((T) values.get(key));
      }

      @Override
      public <T> Optional<List<T>> getListProperty(String key, Class<T> itemType) {
        return Optional.empty();
      }

      @Override
      public <K, V> Optional<Map<K, V>> getMapProperty(String key, Class<K> keyType, Class<V> valueType) {
        return Optional.empty();
      }
    };
  }
}
