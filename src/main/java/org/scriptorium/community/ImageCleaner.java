package org.scriptorium.community;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.scriptorium.common.Rejected;

/**
 * Makes an uploaded picture safe to show: PNG or JPEG only (by its first bytes, whatever it is called), at most
 * {@link #MAX_BYTES}, at most {@link #MAX_PIXELS} as its header declares (read before anything is decoded, so a small
 * file that would inflate to gigabytes is refused), then decoded, scaled down to {@link #MAX_SIDE} and encoded anew.
 * The new file holds pixels only: EXIF (camera, GPS position, time), comments and any other metadata are gone.
 */
final class ImageCleaner {

    static final int MAX_BYTES = 5 * 1024 * 1024;
    static final long MAX_PIXELS = 40_000_000L;
    static final int MAX_SIDE = 1600;
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    static {
        ImageIO.setUseCache(false); // decode in memory: no temporary files for uploads
    }

    /** A cleaned picture: {@code image/png} or {@code image/jpeg}. */
    record Cleaned(byte[] content, String contentType, int width, int height) {
    }

    private ImageCleaner() {
    }

    /**
     * @throws Rejected 413 {@code IMAGE_TOO_LARGE} over {@link #MAX_BYTES}; 415 {@code IMAGE_TYPE} for anything but PNG
     *                  or JPEG; 422 {@code IMAGE_TOO_MANY_PIXELS} over {@link #MAX_PIXELS}; 422 {@code IMAGE_UNREADABLE}
     *                  for a file that claims to be one but cannot be decoded
     */
    static Cleaned clean(byte[] upload) {
        if (upload == null || upload.length == 0) {
            throw Rejected.invalid("IMAGE_EMPTY", "图片是空的。", "The image is empty.");
        }
        if (upload.length > MAX_BYTES) {
            throw new Rejected(413, "IMAGE_TOO_LARGE", "图片不能超过 5 MB。", "An image may be at most 5 MB.");
        }
        String format = startsWith(upload, PNG) ? "png" : startsWith(upload, JPEG) ? "jpeg" : null;
        if (format == null) {
            throw new Rejected(415, "IMAGE_TYPE", "只能发送 PNG 或 JPEG 图片。", "Only PNG and JPEG images are accepted.");
        }
        BufferedImage decoded = decode(upload, format);
        BufferedImage pixels = redraw(decoded, format.equals("png"));
        return new Cleaned(encode(pixels, format), "image/" + format, pixels.getWidth(), pixels.getHeight());
    }

    private static BufferedImage decode(byte[] upload, String format) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
            if (!readers.hasNext()) {
                throw unreadable();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true); // metadata ignored: it is never read, let alone kept
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width < 1 || height < 1) {
                    throw unreadable();
                }
                if (width * height > MAX_PIXELS) {
                    throw Rejected.invalid("IMAGE_TOO_MANY_PIXELS", "图片尺寸过大（最多 4000 万像素）。",
                            "The image has too many pixels (at most 40 million).");
                }
                // A large picture is read at a fraction of its size: memory stays bounded by about MAX_SIDE².
                int step = (int) Math.max(1, Math.max(width, height) / (MAX_SIDE * 2L));
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                BufferedImage image = reader.read(0, param);
                if (image == null) {
                    throw unreadable();
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof Rejected rejected) {
                throw rejected;
            }
            throw unreadable();
        }
    }

    /** Draws the pixels onto a fresh image no larger than {@link #MAX_SIDE}: colours only, nothing else carried over. */
    private static BufferedImage redraw(BufferedImage source, boolean alpha) {
        double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(source.getWidth(), source.getHeight()));
        int width = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(source.getHeight() * scale));
        BufferedImage target = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            if (!alpha) {
                g.setColor(java.awt.Color.WHITE);
                g.fillRect(0, 0, width, height);
            }
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    private static byte[] encode(BufferedImage pixels, String format) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format.equals("jpeg")) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.85f);
            }
            writer.write(null, new IIOImage(pixels, null, null), param);
        } catch (IOException e) {
            throw new IllegalStateException("could not encode a " + format + " image", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static Rejected unreadable() {
        return Rejected.invalid("IMAGE_UNREADABLE", "无法读取这张图片，请换一张 PNG 或 JPEG 图片。",
                "The image could not be read; send another PNG or JPEG image.");
    }
}
