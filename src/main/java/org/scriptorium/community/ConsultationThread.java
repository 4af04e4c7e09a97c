package org.scriptorium.community;

import java.util.List;

/** A conversation with its messages, oldest first. */
public record ConsultationThread(Consultation consultation, List<ConsultationMessage> messages) {

    public ConsultationThread {
        messages = List.copyOf(messages);
    }
}
