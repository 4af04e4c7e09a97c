package org.scriptorium.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.common.Rejected;

/** Cleaning an uploaded picture: only real PNG and JPEG, no metadata out, no decompression bombs in. */
class ImageCleanerTest {

    private static final String SECRET = "GPS 31.2304N 121.4737E Canon EOS";

    private static byte[] picture(String format, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, new Color(x % 256, y % 256, 90).getRGB());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    /** A JPEG with an EXIF segment (APP1) right after its start marker, as a phone camera writes it. */
    private static byte[] jpegWithExif() throws IOException {
        byte[] plain = picture("jpeg", 64, 48);
        byte[] exif = ("Exif\0\0" + SECRET).getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, 2); // SOI
        out.write(0xFF);
        out.write(0xE1);
        out.write((exif.length + 2) >> 8);
        out.write((exif.length + 2) & 0xFF);
        out.write(exif);
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    @Test
    @DisplayName("a JPEG's EXIF is gone after cleaning, and the picture is still a picture of the same size")
    void exifRemoved() throws IOException {
        byte[] upload = jpegWithExif();
        assertThat(new String(upload, StandardCharsets.ISO_8859_1)).contains(SECRET);
        ImageCleaner.Cleaned cleaned = ImageCleaner.clean(upload);
        String bytes = new String(cleaned.content(), StandardCharsets.ISO_8859_1);
        assertThat(bytes).doesNotContain(SECRET).doesNotContain("Exif");
        assertThat(cleaned.contentType()).isEqualTo("image/jpeg");
        assertThat(cleaned.width()).isEqualTo(64);
        assertThat(cleaned.height()).isEqualTo(48);
        assertThat(ImageIO.read(new ByteArrayInputStream(cleaned.content()))).isNotNull();
    }

    @Test
    @DisplayName("a PNG stays a PNG; a large one is scaled down to 1600 px on its long side")
    void pngScaled() throws IOException {
        ImageCleaner.Cleaned cleaned = ImageCleaner.clean(picture("png", 2000, 500));
        assertThat(cleaned.contentType()).isEqualTo("image/png");
        assertThat(cleaned.width()).isEqualTo(1600);
        assertThat(cleaned.height()).isEqualTo(400);
    }

    @Test
    @DisplayName("anything that does not start as a PNG or JPEG is refused with 415, whatever it claims")
    void notAnImage() throws IOException {
        assertThatThrownBy(() -> ImageCleaner.clean("<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.status()).isEqualTo(415));
        assertThatThrownBy(() -> ImageCleaner.clean(picture("gif", 10, 10)))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.code()).isEqualTo("IMAGE_TYPE"));
        byte[] broken = java.util.Arrays.copyOf(picture("png", 20, 20), 40);
        assertThatThrownBy(() -> ImageCleaner.clean(broken))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.code()).isEqualTo("IMAGE_UNREADABLE"));
    }

    @Test
    @DisplayName("a decompression bomb (a tiny PNG declaring 50,000 × 50,000 pixels) is refused before decoding")
    void bomb() {
        byte[] bomb = bombPng(50_000, 50_000);
        assertThat(bomb.length).isLessThan(10_000);
        assertThatThrownBy(() -> ImageCleaner.clean(bomb))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.code()).isEqualTo("IMAGE_TOO_MANY_PIXELS"));
    }

    @Test
    @DisplayName("an upload over 5 MB is refused with 413")
    void tooLarge() {
        byte[] big = new byte[ImageCleaner.MAX_BYTES + 1];
        big[0] = (byte) 0xFF;
        big[1] = (byte) 0xD8;
        big[2] = (byte) 0xFF;
        assertThatThrownBy(() -> ImageCleaner.clean(big))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.status()).isEqualTo(413));
    }

    /** A greyscale PNG of the given size whose pixel rows (all zero) are compressed into a few kilobytes. */
    private static byte[] bombPng(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 1).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", header.array());
        Deflater deflater = new Deflater(9);
        deflater.setInput(new byte[1_000_000]); // only the first rows: enough to look real
        deflater.finish();
        byte[] buffer = new byte[100_000];
        int length = deflater.deflate(buffer);
        chunk(out, "IDAT", java.util.Arrays.copyOf(buffer, length));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
