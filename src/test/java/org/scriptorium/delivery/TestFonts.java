package org.scriptorium.delivery;

import java.nio.file.Path;

/** The font PDF tests need; missing, they fail and say what to install rather than skip. */
final class TestFonts {

    static Path wenQuanYi() {
        return PdfWriter.defaultFont().orElseThrow(() -> new AssertionError(
                "WenQuanYi Micro Hei is not installed (looked in " + PdfWriter.KNOWN_FONTS + "): "
                        + "install the Debian package fonts-wqy-microhei, as scripts/test-services.sh does"));
    }

    private TestFonts() {}
}
