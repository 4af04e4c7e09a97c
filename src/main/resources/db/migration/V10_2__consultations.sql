-- Issue 16, consultation (咨询): conversations between a user (or a visitor who left an e-mail address) and the
-- operator's staff, their messages, and the canned replies staff insert into answers.

-- One conversation. A signed-in asker is asker_id; a visitor has none and is answered at visitor_email (and reads
-- the conversation through a link whose token is derived from the id, so no token is stored). OPEN or CLOSED; an
-- open one without an assignee is in the staff's 未分配 box.
CREATE TABLE consultations (
    id             VARCHAR(32)  PRIMARY KEY,
    asker_id       VARCHAR(32)  REFERENCES users (id),
    visitor_email  VARCHAR(320),
    subject        VARCHAR(100),
    status         VARCHAR(20)  NOT NULL,
    assignee_id    VARCHAR(32)  REFERENCES users (id),
    -- Who wrote last: ASKER (waiting for staff) or STAFF (answered).
    last_from      VARCHAR(10)  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_at      TIMESTAMP WITH TIME ZONE
);
CREATE INDEX consultations_box ON consultations (status, assignee_id, updated_at);
CREATE INDEX consultations_asker ON consultations (asker_id, updated_at);

-- The messages of a conversation, oldest first. author_id is null for a visitor; a staff answer may link one
-- material (shown as its title and link; whether the reader may open its text is the library's to decide).
CREATE TABLE consultation_messages (
    id              VARCHAR(32)   PRIMARY KEY,
    consultation_id VARCHAR(32)   NOT NULL REFERENCES consultations (id),
    author_id       VARCHAR(32)   REFERENCES users (id),
    from_staff      BOOLEAN       NOT NULL,
    body            VARCHAR(4000) NOT NULL,
    material_id     VARCHAR(32)   REFERENCES materials (id),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX consultation_messages_thread ON consultation_messages (consultation_id, created_at);

-- 常用回复: answers to frequent questions, kept by staff and inserted into an answer.
CREATE TABLE canned_replies (
    id          VARCHAR(32)   PRIMARY KEY,
    title       VARCHAR(100)  NOT NULL,
    body        VARCHAR(4000) NOT NULL,
    updated_by  VARCHAR(32)   REFERENCES users (id),
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
