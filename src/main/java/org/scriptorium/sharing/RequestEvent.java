package org.scriptorium.sharing;

import java.util.List;

/**
 * Something an editor did to a material request, published in the transaction that saved it. Everyone who asked for
 * or voted for the request is told.
 */
public sealed interface RequestEvent permits RequestEvent.Planned, RequestEvent.Fulfilled {

    String requestId();

    /** The author and the voters: who is told. */
    List<String> askers();

    /** An editor put the request on the writing plan. */
    record Planned(String requestId, List<String> askers, String editorId) implements RequestEvent {
        public Planned {
            askers = List.copyOf(askers);
        }
    }

    /** An editor fulfilled the request by linking a material. */
    record Fulfilled(String requestId, String materialId, List<String> askers, String editorId) implements RequestEvent {
        public Fulfilled {
            askers = List.copyOf(askers);
        }
    }
}
