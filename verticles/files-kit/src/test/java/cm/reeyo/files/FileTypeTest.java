package cm.reeyo.files;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("File types from magic bytes, and thumbnails")
class FileTypeTest {

  /** A 1×1 lossless WebP. */
  static final byte[] WEBP = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

  @Test
  @DisplayName("JPEG, PNG, WebP and PDF are told by their first bytes; text and truncated headers are none of them")
  void detect() {
    assertThat(FileType.detect(Samples.jpeg(8, 8))).isEqualTo(FileType.JPEG);
    assertThat(FileType.detect(Samples.png(8, 8))).isEqualTo(FileType.PNG);
    assertThat(FileType.detect(WEBP)).isEqualTo(FileType.WEBP);
    assertThat(FileType.detect(Samples.pdf())).isEqualTo(FileType.PDF);
    assertThat(FileType.detect("<html>not an image</html>".getBytes(StandardCharsets.US_ASCII))).isNull();
    assertThat(FileType.detect(new byte[] {(byte) 0xFF, (byte) 0xD8})).isNull();
    assertThat(FileType.detect("RIFF0000WAVE".getBytes(StandardCharsets.US_ASCII))).isNull();
  }

  @Test
  @DisplayName("a thumbnail is a JPEG whose longer side is the configured size; WebP decodes; a non-image fails")
  void thumbnails() throws Exception {
    byte[] thumb = Thumbnails.of(Samples.png(1200, 800), 320);
    assertThat(FileType.detect(thumb)).isEqualTo(FileType.JPEG);
    var image = ImageIO.read(new ByteArrayInputStream(thumb));
    assertThat(image.getWidth()).isEqualTo(320);
    assertThat(image.getHeight()).isEqualTo(213);
    assertThat(FileType.detect(Thumbnails.of(WEBP, 320))).isEqualTo(FileType.JPEG);
    assertThatThrownBy(() -> Thumbnails.of(Samples.pdf(), 320)).isInstanceOf(java.io.IOException.class);
  }
}
