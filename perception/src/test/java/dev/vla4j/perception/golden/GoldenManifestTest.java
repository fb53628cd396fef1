package dev.vla4j.perception.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vla4j.testkit.Golden;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The golden vectors are found beside the checkout (or at -Dvla4j.golden) and are the files the manifest lists. */
class GoldenManifestTest {

    @Test
    void everyGoldenFileMatchesItsManifestChecksum() throws IOException, NoSuchAlgorithmException {
        Path dir = Golden.dir();
        JsonNode manifest = new ObjectMapper().readTree(Golden.file("manifest.json").toFile());
        assertFalse(manifest.isEmpty(), "manifest.json lists no files");
        for (Iterator<Map.Entry<String, JsonNode>> it = manifest.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Path file = dir.resolve(entry.getKey());
            assertEquals(entry.getValue().get("bytes").asLong(), Files.size(file), "size of " + entry.getKey());
            assertEquals(entry.getValue().get("sha256").asText(), sha256(file), "sha256 of " + entry.getKey());
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
