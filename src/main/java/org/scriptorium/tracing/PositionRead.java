package org.scriptorium.tracing;

import java.util.Objects;

/**
 * The symbol read from a leak at one position of the code.
 *
 * @param positionKey the position, as given to {@link TardosCode#bias(String)}
 * @param observed the symbol the leak shows there: {@code true} for the alternative
 */
public record PositionRead(String positionKey, boolean observed) {

    public PositionRead {
        Objects.requireNonNull(positionKey, "positionKey");
    }
}
