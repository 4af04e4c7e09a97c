package org.scriptorium.support.fuzz;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Turns off PDFBox's and POI's logging for a test class (as the application's configuration turns off
 * PDFBox's warnings): they log every oddity of a broken file, and a fuzz run feeds them millions.
 */
public final class QuietLibraries implements BeforeAllCallback, AfterAllCallback {

    private static final List<String> NOISY = List.of("org.apache.pdfbox", "org.apache.poi", "org.apache.fontbox");
    private final Map<String, Level> levels = new HashMap<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        for (String name : NOISY) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            levels.put(name, logger.getLevel());
            logger.setLevel(Level.OFF);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        levels.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
    }
}
