package cm.reeyo.files;

/** The content types accepted for uploads, told from a file's first bytes (its magic number), not from its name. */
public final class FileType {

  public static final String JPEG = "image/jpeg";
  public static final String PNG = "image/png";
  public static final String WEBP = "image/webp";
  public static final String PDF = "application/pdf";
  /** How many leading bytes {@link #detect} needs. */
  public static final int HEAD_BYTES = 12;

  private FileType() {
  }

  /** The content type the bytes start like, or {@code null} when they are none of the accepted ones. */
  public static String detect(byte[] head) {
    if (startsWith(head, 0, 0xFF, 0xD8, 0xFF)) {
      return JPEG;
    }
    if (startsWith(head, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return PNG;
    }
    if (startsWith(head, 0, 'R', 'I', 'F', 'F') && startsWith(head, 8, 'W', 'E', 'B', 'P')) {
      return WEBP;
    }
    if (startsWith(head, 0, '%', 'P', 'D', 'F', '-')) {
      return PDF;
    }
    return null;
  }

  private static boolean startsWith(byte[] bytes, int offset, int... expected) {
    if (bytes.length < offset + expected.length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      if ((bytes[offset + i] & 0xFF) != expected[i]) {
        return false;
      }
    }
    return true;
  }
}
