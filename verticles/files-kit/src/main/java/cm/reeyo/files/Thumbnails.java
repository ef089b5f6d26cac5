package cm.reeyo.files;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Resized JPEG thumbnails. Decoding goes through ImageIO with the TwelveMonkeys plugins on the classpath (JPEG with
 * CMYK and broken metadata, WebP), so every accepted image type reads. Blocking and CPU-bound: call it on a worker.
 */
public final class Thumbnails {

  public static final String CONTENT_TYPE = FileType.JPEG;

  private Thumbnails() {
  }

  /** A JPEG whose longer side is at most {@code maxSide} pixels; fails when the bytes are not a readable image. */
  public static byte[] of(byte[] image, int maxSide) throws IOException {
    BufferedImage source = ImageIO.read(new ByteArrayInputStream(image));
    if (source == null) {
      throw new IOException("not a readable image");
    }
    double scale = Math.min(1.0, (double) maxSide / Math.max(source.getWidth(), source.getHeight()));
    int width = Math.max(1, (int) Math.round(source.getWidth() * scale));
    int height = Math.max(1, (int) Math.round(source.getHeight() * scale));
    BufferedImage thumb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = thumb.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(source, 0, 0, width, height, java.awt.Color.WHITE, null);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(thumb, "jpeg", out)) {
      throw new IOException("no JPEG writer");
    }
    return out.toByteArray();
  }
}
