package org.scriptorium.membership;

import java.util.List;

/** Who is asking to read a material. */
public sealed interface Reader permits Reader.Anonymous, Reader.SignedIn {

    /** Someone who has not signed in. */
    record Anonymous() implements Reader {
    }

    /**
     * A signed-in user.
     *
     * @param terms     all of the user's membership terms, past, present and future; copied
     * @param suspended whether the operator has suspended the account (used against resellers)
     * @param staff     ADMIN or EDITOR: reads everything, including materials not yet published
     * @throws NullPointerException if {@code terms} or one of its elements is null
     */
    record SignedIn(List<MembershipTerm> terms, boolean suspended, boolean staff) implements Reader {
        public SignedIn {
            terms = List.copyOf(terms);
        }
    }
}
