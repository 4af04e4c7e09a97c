package org.scriptorium.library;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on what one import or revision may hold, under {@code scriptorium.import.*}.
 *
 * @param maxCharacters the most characters a material's text may have, however it arrives (pasted or as a file):
 *                      every first reader's copy and the site choosing behind it grow with the text
 */
@ConfigurationProperties("scriptorium.import")
public record ImportLimits(@DefaultValue("500000") int maxCharacters) {
}
